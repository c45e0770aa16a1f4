package uk.safeguarding.connectors.canonical;

/**
 * The one door into the hub. Every record a connector receives goes through here and ends in exactly
 * one outcome; a connector never writes to the hub's store itself.
 */
public interface RecordGateway {

    Outcome receive(SourceRecord record);

    enum Outcome { STORED, DUPLICATE, QUARANTINED }
}
