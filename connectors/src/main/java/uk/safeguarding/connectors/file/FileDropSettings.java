package uk.safeguarding.connectors.file;

import java.time.Duration;

/** What every file-drop feed is configured with (each binds its own {@code hub.feeds.<name>} block). */
public interface FileDropSettings {

    /** The folder partners put files in. */
    String dir();

    /** The providing agency (controller). */
    String agency();

    /** The feed code runs are recorded under. */
    String feed();

    /** How often the folder is looked at. */
    Duration poll();

    /** How long a file must stay unchanged before it is read (one still being written waits). */
    Duration settle();

    /** How long after start the folder is first looked at. */
    default Duration initialDelay() {
        return Duration.ofSeconds(1);
    }
}
