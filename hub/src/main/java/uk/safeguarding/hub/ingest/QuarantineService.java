package uk.safeguarding.hub.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.connectors.canonical.RecordGateway.Outcome;
import uk.safeguarding.connectors.canonical.Replayable;
import uk.safeguarding.connectors.canonical.SourceRecord;

@Service
class QuarantineService implements Quarantine {

    private final JdbcClient jdbc;
    private final RecordStore store;
    private final FeedRunLedger runs;
    private final Map<String, Replayable> feeds;

    QuarantineService(JdbcClient jdbc, RecordStore store, FeedRunLedger runs, List<Replayable> feeds, MeterRegistry meters) {
        this.jdbc = jdbc;
        // what waits for a partner to correct it, across all instances (read from the database when scraped)
        Gauge.builder("hub.quarantine.unresolved", () -> jdbc.sql("select count(*) from quarantined_record where resolved_at is null")
                .query(Long.class).single()).description("Quarantined records not yet replayed or resolved").register(meters);
        this.store = store;
        this.runs = runs;
        this.feeds = feeds.stream().collect(Collectors.toMap(Replayable::feedCode, Function.identity(), (a, b) -> a));
    }

    @Override
    public List<QuarantinedRecord> records(String agency, String feed, boolean includeResolved, Long beforeId, int limit) {
        return jdbc.sql("""
                select id, feed, agency, source_id, raw, reasons, received_at, resolved_at, resolution, raw_bytes, raw_encoding
                from quarantined_record
                where feed = ? and (?::text is null or agency = ?) and (? or resolved_at is null) and (?::bigint is null or id < ?)
                order by id desc limit ?""")
                .params(feed, agency, agency, includeResolved, beforeId, beforeId, limit)
                .query(QuarantineService::record).list();
    }

    @Override
    public String agencyOf(long quarantinedId) {
        return jdbc.sql("select agency from quarantined_record where id = ?").param(quarantinedId).query(String.class)
                .optional().orElse(null);
    }

    @Override
    @Transactional
    public ReplayResult replay(long quarantinedId, String correctedRaw) {
        QuarantinedRecord original = jdbc.sql("""
                select id, feed, agency, source_id, raw, reasons, received_at, resolved_at, resolution, raw_bytes, raw_encoding
                from quarantined_record where id = ? for update""")
                .param(quarantinedId).query(QuarantineService::record).single();
        if (original.resolvedAt() != null) {
            throw new IllegalStateException("record " + quarantinedId + " was already " + original.resolution());
        }
        Replayable feed = feeds.get(original.feed());
        if (feed == null) {
            throw new IllegalStateException("feed " + original.feed() + " is not running on this hub");
        }
        String run = runs.openReplay(original.feed());
        try {
            // as it was: from the bytes the partner sent, decoded as at first reading, and kept again with them;
            // a correction is text typed by the agency, kept as text
            SourceRecord record = correctedRaw != null ? feed.replay(run, correctedRaw)
                    : original.received() != null ? feed.replay(run, original.received())
                    : feed.replay(run, original.raw());
            Outcome outcome = store.accept(record);
            List<String> reasons = List.of();
            String resolution = "replayed: " + outcome.name().toLowerCase();
            if (outcome == Outcome.QUARANTINED) {
                Long again = jdbc.sql("select max(id) from quarantined_record where run_id = ?::uuid").param(run)
                        .query(Long.class).single();
                jdbc.sql("update quarantined_record set replay_of = ? where id = ?").params(quarantinedId, again).update();
                reasons = jdbc.sql("select reasons from quarantined_record where id = ?").param(again)
                        .query((rs, n) -> strings(rs.getArray(1))).single();
                resolution = "replayed: quarantined again as record " + again;
            }
            jdbc.sql("update quarantined_record set resolved_at = now(), resolution = ? where id = ?")
                    .params(resolution, quarantinedId).update();
            runs.complete(run);
            return new ReplayResult(outcome.name(), reasons);
        } catch (RuntimeException e) {
            runs.fail(run, "replay: " + e.getClass().getSimpleName());
            throw e;
        }
    }

    private static QuarantinedRecord record(ResultSet rs, int n) throws SQLException {
        return new QuarantinedRecord(rs.getLong("id"), rs.getString("feed"), rs.getString("agency"), rs.getString("source_id"),
                rs.getString("raw"), strings(rs.getArray("reasons")), rs.getObject("received_at", OffsetDateTime.class),
                rs.getObject("resolved_at", OffsetDateTime.class), rs.getString("resolution"),
                rs.getBytes("raw_bytes") == null ? null : new SourceRecord.Received(rs.getBytes("raw_bytes"), rs.getString("raw_encoding")));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
