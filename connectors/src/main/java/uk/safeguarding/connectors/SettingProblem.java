package uk.safeguarding.connectors;

/**
 * A setting that is missing, malformed or contradicts another: the hub refuses to start and says, in one
 * line, which setting and why (the hub's failure analyser prints it without a stack trace).
 */
public class SettingProblem extends IllegalStateException {

    private final String setting;

    public SettingProblem(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The setting's name, as in the configuration files ({@code hub.feeds.police.url}). */
    public String setting() {
        return setting;
    }
}
