package uk.safeguarding.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;

/** Person records kept through the gateway the connectors use, as the identity tests need them. */
public final class KeptRecords {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private KeptRecords() {
    }

    /**
     * Keeps one record of a person from an agency, in a run of its own, with one incident about them
     * (the person as victim); returns the person record's id.
     */
    public static long keep(RecordGateway gateway, JdbcClient jdbc, String agency, PersonRecord person) {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'identity-test') returning id::text")
                .query(String.class).single();
        String sourceId = "IDT-" + person.localId() + "-" + SEQUENCE.incrementAndGet();
        EventRecord event = new EventRecord(sourceId, "incident", Instant.parse("2026-03-01T10:00:00Z"), "anti-social-behaviour",
                "Reported noise", null, EventRecord.Sensitivity.ORDINARY,
                List.of(new EventRecord.Party(person.localId(), EventRecord.Role.VICTIM)));
        assertThat(gateway.receive(new SourceRecord(run, "identity-test", agency, sourceId, "{\"id\":\"" + sourceId + "\"}",
                List.of(person), List.of(event), List.of()))).isEqualTo(RecordGateway.Outcome.STORED);
        return jdbc.sql("select r.id from person_record r join source_record s on s.id = r.source_record_id where s.source_id = ?")
                .param(sourceId).query(Long.class).single();
    }

    /** The subject a record is linked to now. */
    public static UUID subjectOf(JdbcClient jdbc, long record) {
        return jdbc.sql("select subject_id from subject_link where person_record_id = ? and status in ('auto', 'confirmed')")
                .param(record).query(UUID.class).single();
    }

    /** A valid NHS number in the never-issued 999 range, far from those the simulator gives out. */
    public static String nhsNumber(int i) {
        for (int n = 970_000 + i * 10; ; n++) {
            String candidate = "999" + String.format("%06d", n);
            int sum = 0;
            for (int d = 0; d < 9; d++) {
                sum += (candidate.charAt(d) - '0') * (10 - d);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return candidate + check;
            }
        }
    }
}
