package uk.safeguarding.hub.ingest;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.Postcode;
import uk.safeguarding.connectors.canonical.RecordGateway.Outcome;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.identity.Identities;

/**
 * Validates a record and keeps it, recognises it as a duplicate, or quarantines it with every reason,
 * counting the outcome against its feed run in the same transaction.
 */
@Service
public class RecordStore {

    private final JdbcClient jdbc;
    private final Validator validator;
    private final Identities identities;
    private final DeliveryLog deliveries;

    RecordStore(JdbcClient jdbc, Validator validator, Identities identities, DeliveryLog deliveries) {
        this.jdbc = jdbc;
        this.validator = validator;
        this.identities = identities;
        this.deliveries = deliveries;
    }

    @Transactional
    public Outcome accept(SourceRecord record) {
        List<String> reasons = problems(record);
        if (!reasons.isEmpty()) {
            jdbc.sql("""
                    insert into quarantined_record (feed, agency, source_id, raw, reasons, run_id)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(record.feed(), record.agency(), record.sourceId(), record.raw(),
                            reasons.toArray(String[]::new), runId(record))
                    .update();
            return count(record, Outcome.QUARANTINED);
        }
        String hash = sha256(record.raw());
        if (deliveries.kept(record.agency(), record.sourceId(), hash)) {
            return count(record, Outcome.DUPLICATE);
        }
        int version = jdbc.sql("select coalesce(max(version), 0) + 1 from source_record where agency = ? and source_id = ?")
                .params(record.agency(), record.sourceId()).query(Integer.class).single();
        Optional<Long> stored = jdbc.sql("""
                insert into source_record (feed, agency, source_id, version, content_hash, raw, run_id)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (agency, source_id, content_hash) do nothing
                returning id""")
                .params(record.feed(), record.agency(), record.sourceId(), version, hash, record.raw(), runId(record))
                .query(Long.class).optional();
        if (stored.isEmpty()) {
            return count(record, Outcome.DUPLICATE);
        }
        long sourceRecordId = stored.get();
        deliveries.rememberWhenCommitted(record.agency(), record.sourceId(), hash, sourceRecordId);
        if (version > 1) {
            // a changed record replaces what its earlier versions said; they stay as history
            jdbc.sql("""
                    update event set current = false
                    where source_record_id in (select id from source_record where agency = ? and source_id = ? and id <> ?)""")
                    .params(record.agency(), record.sourceId(), sourceRecordId).update();
        }
        Map<String, Long> people = new HashMap<>();
        for (PersonRecord person : record.people()) {
            people.put(person.localId(), identities.register(sourceRecordId, record.agency(), person));
        }
        for (EventRecord event : record.events()) {
            UUID eventId = UUID.randomUUID();
            var where = event.location();
            jdbc.sql("""
                    insert into event (id, source_record_id, agency, local_id, kind, occurred_at, category, summary,
                                       location_line, postcode, uprn, borough, sensitivity)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(eventId, sourceRecordId, record.agency(), event.localId(), event.kind(),
                            Timestamp.from(event.occurredAt()), event.category(), event.summary(),
                            where == null ? null : where.line(),
                            where == null ? null : Postcode.Validator.normalise(where.postcode()),
                            where == null ? null : where.uprn(), where == null ? null : where.borough(),
                            event.sensitivity().name())
                    .update();
            for (EventRecord.Party party : event.parties()) {
                jdbc.sql("insert into event_party (event_id, person_record_id, role) values (?, ?, ?) on conflict do nothing")
                        .params(eventId, people.get(party.personLocalId()), party.role().name()).update();
            }
        }
        return count(record, Outcome.STORED);
    }

    /** Every reason the record cannot be kept, naming fields and rules, never values. */
    private List<String> problems(SourceRecord record) {
        List<String> reasons = new ArrayList<>(record.problems());
        Set<String> violations = new TreeSet<>();
        for (ConstraintViolation<SourceRecord> v : validator.validate(record)) {
            violations.add(v.getPropertyPath() + ": " + v.getMessage());
        }
        reasons.addAll(violations);
        Set<String> known = record.people().stream().map(PersonRecord::localId).collect(Collectors.toSet());
        for (int e = 0; e < record.events().size(); e++) {
            List<EventRecord.Party> parties = record.events().get(e).parties();
            for (int p = 0; p < parties.size(); p++) {
                if (parties.get(p) != null && parties.get(p).personLocalId() != null
                        && !known.contains(parties.get(p).personLocalId())) {
                    reasons.add("events[" + e + "].parties[" + p + "].personLocalId: names no person in the record");
                }
            }
        }
        if (record.people().stream().map(PersonRecord::localId).distinct().count() < record.people().size()) {
            reasons.add("people: two persons share one localId");
        }
        return reasons;
    }

    private Outcome count(SourceRecord record, Outcome outcome) {
        String column = switch (outcome) {
            case STORED -> "stored";
            case DUPLICATE -> "duplicates";
            case QUARANTINED -> "quarantined";
        };
        UUID run = runId(record);
        if (run != null) {
            jdbc.sql("update feed_run set received = received + 1, " + column + " = " + column + " + 1 where id = ?")
                    .param(run).update();
        }
        return outcome;
    }

    private static UUID runId(SourceRecord record) {
        try {
            return record.runId() == null ? null : UUID.fromString(record.runId());
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }

    static String sha256(String raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
