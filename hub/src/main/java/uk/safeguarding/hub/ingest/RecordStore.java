package uk.safeguarding.hub.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntToLongFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway.Outcome;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.identity.Identities;

/**
 * Validates records and keeps them, recognises them as duplicates, or quarantines them with every
 * reason, counting each outcome against its feed run in the same transaction. Records come in batches
 * (a page, a chunk of a file): each table gets one statement per batch, not one per record.
 */
@Service
public class RecordStore {

    private final JdbcClient jdbc;
    private final RecordValidation validation;
    private final Identities identities;
    private final DeliveryLog deliveries;
    private final EventStore events;
    private final FeedRunLedger runs;

    RecordStore(JdbcClient jdbc, RecordValidation validation, Identities identities, DeliveryLog deliveries,
            EventStore events, FeedRunLedger runs) {
        this.jdbc = jdbc;
        this.validation = validation;
        this.identities = identities;
        this.deliveries = deliveries;
        this.events = events;
        this.runs = runs;
    }

    /** Keeps one record (a replay, or a batch that failed being retried record by record). */
    @Transactional
    public Outcome accept(SourceRecord record) {
        return acceptAll(List.of(record)).get(0);
    }

    /**
     * Keeps a batch of records in one transaction and one round of statements per table: each is
     * quarantined, recognised as a duplicate or stored (a changed record as a new version), its people
     * linked and its outcome counted against its run. Returns the outcomes in order.
     */
    @Transactional
    public List<Outcome> acceptAll(List<SourceRecord> records) {
        int n = records.size();
        Outcome[] outcomes = new Outcome[n];
        String[] hashes = new String[n];
        List<Integer> quarantine = new ArrayList<>();
        List<List<String>> reasons = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        List<Integer> later = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SourceRecord record = records.get(i);
            List<String> problems = validation.problems(record);
            if (!problems.isEmpty()) {
                quarantine.add(i);
                reasons.add(problems);
                outcomes[i] = Outcome.QUARANTINED;
                continue;
            }
            hashes[i] = DeliveryLog.contentHash(record.raw());
            valid.add(i);
        }
        boolean[] kept = deliveries.kept(valid.stream().map(i -> delivery(records.get(i), hashes[i])).toList());
        for (int v = 0; v < valid.size(); v++) {
            int i = valid.get(v);
            SourceRecord record = records.get(i);
            if (kept[v]) {
                outcomes[i] = Outcome.DUPLICATE;
            } else if (inBatch.add(record.agency() + "|" + record.sourceId())) {
                candidates.add(i);
            } else {
                // the same partner record twice in one batch: its versions are numbered one after the other
                later.add(i);
            }
        }
        quarantine(records, quarantine, reasons);
        store(records, hashes, candidates, outcomes);
        for (int i : later) {
            store(records, hashes, List.of(i), outcomes);
        }
        count(records, outcomes);
        return List.of(outcomes);
    }

    private static DeliveryLog.Delivery delivery(SourceRecord record, String hash) {
        return new DeliveryLog.Delivery(record.agency(), record.sourceId(), hash);
    }

    /** Quarantines a record the store refused for a reason of its own, counting it against its run. */
    @Transactional
    public Outcome quarantine(SourceRecord record, String reason) {
        quarantine(List.of(record), List.of(0), List.of(List.of(reason)));
        count(List.of(record), new Outcome[] {Outcome.QUARANTINED});
        return Outcome.QUARANTINED;
    }

    /** Quarantines the records at {@code which}, each with its reasons, in one statement (counting is the caller's). */
    public void quarantine(List<SourceRecord> records, List<Integer> which, List<List<String>> reasons) {
        if (which.isEmpty()) {
            return;
        }
        // reasons are a list per record: carried as one string each and split in the database
        jdbc.sql("""
                insert into quarantined_record (feed, agency, source_id, raw, reasons, run_id, raw_bytes, raw_encoding)
                select x.feed, x.agency, x.source_id, x.raw, string_to_array(x.reasons, chr(31)), x.run,
                    decode(x.bytes, 'hex'), x.encoding
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[])
                    with ordinality as x(feed, agency, source_id, raw, reasons, run, bytes, encoding, n)
                order by x.n""")
                .params(column(records, which, SourceRecord::feed), column(records, which, SourceRecord::agency),
                        column(records, which, SourceRecord::sourceId), column(records, which, SourceRecord::raw),
                        reasons.stream().map(r -> String.join("\u001f", r)).toArray(String[]::new),
                        column(records, which, r -> runId(r) == null ? null : runId(r).toString()),
                        // the bytes as received (hex, decoded in the statement) and their encoding, when the feed read bytes
                        column(records, which, r -> r.received() == null ? null : HexFormat.of().formatHex(r.received().bytes())),
                        column(records, which, r -> r.received() == null ? null : r.received().encoding()))
                .update();
    }

    /** Inserts the source records that are new (or new versions), then their people, events and parties. */
    private void store(List<SourceRecord> records, String[] hashes, List<Integer> which, Outcome[] outcomes) {
        if (which.isEmpty()) {
            return;
        }
        Map<String, long[]> kept = new HashMap<>();
        jdbc.sql("""
                insert into source_record (feed, agency, source_id, version, content_hash, raw, run_id)
                select x.feed, x.agency, x.source_id,
                    coalesce((select max(v.version) from source_record v where v.agency = x.agency and v.source_id = x.source_id), 0) + 1,
                    x.hash, x.raw, x.run
                from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::uuid[])
                    as x(feed, agency, source_id, hash, raw, run)
                on conflict (agency, source_id, content_hash) do nothing
                returning id, agency, source_id, version""")
                .params(column(records, which, SourceRecord::feed), column(records, which, SourceRecord::agency),
                        column(records, which, SourceRecord::sourceId), which.stream().map(i -> hashes[i]).toArray(String[]::new),
                        column(records, which, SourceRecord::raw),
                        column(records, which, r -> runId(r) == null ? null : runId(r).toString()))
                .query(rs -> {
                    kept.put(rs.getString(2) + "|" + rs.getString(3), new long[] {rs.getLong(1), rs.getInt(4)});
                });
        List<Integer> stored = new ArrayList<>();
        List<Long> replaced = new ArrayList<>();
        Map<Integer, Long> sourceRecordIds = new HashMap<>();
        Map<DeliveryLog.Delivery, Long> delivered = new HashMap<>();
        for (int i : which) {
            SourceRecord record = records.get(i);
            long[] row = kept.get(record.agency() + "|" + record.sourceId());
            if (row == null) {
                outcomes[i] = Outcome.DUPLICATE;
                continue;
            }
            outcomes[i] = Outcome.STORED;
            stored.add(i);
            sourceRecordIds.put(i, row[0]);
            if (row[1] > 1) {
                replaced.add(row[0]);
            }
            delivered.put(delivery(record, hashes[i]), row[0]);
        }
        deliveries.rememberWhenCommitted(delivered);
        events.supersede(replaced);
        List<Identities.Arrival> arrivals = arrivals(records, stored, sourceRecordIds::get);
        // the people are kept first and linked last: linking locks their identity keys until the batch commits,
        // and other batches about the same people wait for those locks, so nothing else is done while they are held
        Identities.Kept people = identities.keepAll(arrivals);
        events.insert(records, stored, sourceRecordIds::get, people.ids());
        identities.linkAll(people);
    }

    /**
     * The people of the records at {@code stored}, arriving in the source records kept for them: in order,
     * record by record, as {@link EventStore} expects their person record ids.
     */
    static List<Identities.Arrival> arrivals(List<SourceRecord> records, List<Integer> stored,
            IntToLongFunction sourceRecordId) {
        List<Identities.Arrival> arrivals = new ArrayList<>();
        for (int i : stored) {
            for (PersonRecord person : records.get(i).people()) {
                arrivals.add(new Identities.Arrival(sourceRecordId.applyAsLong(i), records.get(i).agency(),
                        records.get(i).sourceId(), person));
            }
        }
        return arrivals;
    }

    private static String[] column(List<SourceRecord> records, List<Integer> which,
            Function<SourceRecord, String> value) {
        return which.stream().map(i -> value.apply(records.get(i))).toArray(String[]::new);
    }

    /** Counts each outcome against its record's run: one statement per run in the batch. */
    private void count(List<SourceRecord> records, Outcome[] outcomes) {
        Map<UUID, int[]> byRun = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            UUID run = runId(records.get(i));
            if (run != null) {
                byRun.computeIfAbsent(run, r -> new int[3])[outcomes[i].ordinal()]++;
            }
        }
        byRun.forEach((run, c) -> runs.count(run, c[Outcome.STORED.ordinal()], c[Outcome.DUPLICATE.ordinal()],
                c[Outcome.QUARANTINED.ordinal()]));
    }

    private static UUID runId(SourceRecord record) {
        try {
            return record.runId() == null ? null : UUID.fromString(record.runId());
        } catch (IllegalArgumentException notOurs) {
            return null;
        }
    }
}
