package uk.safeguarding.connectors.canonical;

import java.util.List;

/**
 * The one door into the hub. Every record a connector receives goes through here and ends in exactly
 * one outcome; a connector never writes to the hub's store itself.
 */
public interface RecordGateway {

    Outcome receive(SourceRecord record);

    /**
     * Hands over a batch (a page, a chunk of a file) to be kept in one go; the outcomes come back in
     * order, one per record, exactly as {@link #receive} would give them.
     */
    default List<Outcome> receiveAll(List<SourceRecord> records) {
        return records.stream().map(this::receive).toList();
    }

    enum Outcome { STORED, DUPLICATE, QUARANTINED }
}
