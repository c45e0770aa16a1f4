package uk.safeguarding.hub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.Postcode;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Keeps the events of source records just stored, with their parties resolved to the person records kept
 * for them, and retires the events of versions a newer one replaces. A polled batch inserts them with one
 * statement per table, a bulk chunk COPYs them; either way the new events are announced once committed.
 */
@Component
class EventStore {

    private final JdbcClient jdbc;
    private final NewEvents newEvents;

    EventStore(JdbcClient jdbc, NewEvents newEvents) {
        this.jdbc = jdbc;
        this.newEvents = newEvents;
    }

    /** An event as stored: its location flattened, its postcode normalised. */
    private record EventRow(UUID id, long sourceRecordId, String agency, String localId, String kind, Instant occurredAt,
            String category, String summary, String locationLine, String postcode, String uprn, String borough,
            String sensitivity) {
    }

    /** A person's part in an event, once per person and role. */
    private record PartyRow(UUID eventId, long personRecordId, String role) {
    }

    private record Rows(List<EventRow> events, List<PartyRow> parties) {
        /** The events that concern someone: the ones worth announcing. */
        List<UUID> concerningPeople() {
            return parties.stream().map(PartyRow::eventId).distinct().toList();
        }
    }

    /**
     * The polled path: the events of the records at {@code stored} (source record ids by index, person record
     * ids in the order of the records' people), one statement per table.
     */
    void insert(List<SourceRecord> records, List<Integer> stored, IntToLongFunction sourceRecordId, long[] personIds) {
        Rows rows = rows(records, stored, sourceRecordId, personIds, UUID::randomUUID);
        List<EventRow> events = rows.events();
        if (!events.isEmpty()) {
            jdbc.sql("""
                    insert into event (id, source_record_id, agency, local_id, kind, occurred_at, category, summary,
                                       location_line, postcode, uprn, borough, sensitivity)
                    select * from unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])""")
                    .params(events.stream().map(e -> e.id().toString()).toArray(String[]::new),
                            events.stream().map(EventRow::sourceRecordId).toArray(Long[]::new),
                            events.stream().map(EventRow::agency).toArray(String[]::new),
                            events.stream().map(EventRow::localId).toArray(String[]::new),
                            events.stream().map(EventRow::kind).toArray(String[]::new),
                            events.stream().map(e -> e.occurredAt().toString()).toArray(String[]::new),
                            events.stream().map(EventRow::category).toArray(String[]::new),
                            events.stream().map(EventRow::summary).toArray(String[]::new),
                            events.stream().map(EventRow::locationLine).toArray(String[]::new),
                            events.stream().map(EventRow::postcode).toArray(String[]::new),
                            events.stream().map(EventRow::uprn).toArray(String[]::new),
                            events.stream().map(EventRow::borough).toArray(String[]::new),
                            events.stream().map(EventRow::sensitivity).toArray(String[]::new))
                    .update();
        }
        List<PartyRow> parties = rows.parties();
        if (!parties.isEmpty()) {
            jdbc.sql("""
                    insert into event_party (event_id, person_record_id, role)
                    select * from unnest(?::uuid[], ?::bigint[], ?::text[]) on conflict do nothing""")
                    .params(parties.stream().map(p -> p.eventId().toString()).toArray(String[]::new),
                            parties.stream().map(PartyRow::personRecordId).toArray(Long[]::new),
                            parties.stream().map(PartyRow::role).toArray(String[]::new))
                    .update();
        }
        newEvents.publishWhenCommitted(rows.concerningPeople());
    }

    /**
     * The bulk path: as {@link #insert}, COPYed in binary. Events get time-ordered ids, so that a load's
     * events are added at the end of the event table's primary key rather than all over it.
     */
    void copy(List<SourceRecord> records, List<Integer> stored, IntToLongFunction sourceRecordId, long[] personIds,
            CopyManager copy) {
        Rows rows = rows(records, stored, sourceRecordId, personIds, EventStore::timeOrdered);
        CopyRows events = new CopyRows();
        for (EventRow e : rows.events()) {
            events.row(13).uuid(e.id()).int8(e.sourceRecordId()).text(e.agency()).text(e.localId()).text(e.kind())
                    .timestamp(e.occurredAt()).text(e.category()).text(e.summary()).text(e.locationLine())
                    .text(e.postcode()).text(e.uprn()).text(e.borough()).text(e.sensitivity());
        }
        CopyRows parties = new CopyRows();
        for (PartyRow p : rows.parties()) {
            parties.row(3).uuid(p.eventId()).int8(p.personRecordId()).text(p.role());
        }
        events.copyInto(copy, "event", "id, source_record_id, agency, local_id, kind, occurred_at, category, summary, "
                + "location_line, postcode, uprn, borough, sensitivity");
        parties.copyInto(copy, "event_party", "event_id, person_record_id, role");
        // told once the delivery is published, as a poll's are once its batch commits
        newEvents.publishWhenCommitted(rows.concerningPeople());
    }

    /**
     * A changed record replaces what its earlier versions said; they stay as history. Only versions older
     * than each new one are retired: a chunk may hold two new versions of one record.
     */
    void supersede(List<Long> newVersionIds) {
        if (newVersionIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update event set current = false
                where current and source_record_id in (select o.id from source_record o join source_record n
                    on n.agency = o.agency and n.source_id = o.source_id and o.version < n.version
                    where n.id = any(?::bigint[]))""")
                .param(newVersionIds.toArray(Long[]::new)).update();
    }

    private static Rows rows(List<SourceRecord> records, List<Integer> stored, IntToLongFunction sourceRecordId,
            long[] personIds, Supplier<UUID> ids) {
        List<EventRow> events = new ArrayList<>();
        List<PartyRow> parties = new ArrayList<>();
        int person = 0;
        for (int i : stored) {
            SourceRecord record = records.get(i);
            Map<String, Long> people = new HashMap<>();
            for (PersonRecord p : record.people()) {
                people.put(p.localId(), personIds[person++]);
            }
            for (EventRecord event : record.events()) {
                UUID eventId = ids.get();
                var where = event.location();
                events.add(new EventRow(eventId, sourceRecordId.applyAsLong(i), record.agency(), event.localId(),
                        event.kind(), event.occurredAt(), event.category(), event.summary(),
                        where == null ? null : where.line(),
                        where == null ? null : Postcode.Validator.normalise(where.postcode()),
                        where == null ? null : where.uprn(), where == null ? null : where.borough(),
                        event.sensitivity().name()));
                Set<String> seen = new HashSet<>();
                for (EventRecord.Party party : event.parties()) {
                    if (seen.add(party.personLocalId() + "|" + party.role())) {
                        parties.add(new PartyRow(eventId, people.get(party.personLocalId()), party.role().name()));
                    }
                }
            }
        }
        return new Rows(events, parties);
    }

    /** A version 7 UUID (RFC 9562): milliseconds first, then random bits. */
    static UUID timeOrdered() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
