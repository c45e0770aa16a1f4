package uk.safeguarding.hub.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.safeguarding.connectors.canonical.Replayable;

@Service
class FeedStatusService implements Feeds {

    /**
     * The identifying and demographic fields whose gaps held back partnership evaluations, each with its
     * column of identity's {@code person_record_completeness} view (whether a record carries it, not its value).
     */
    private static final Map<String, String> FIELDS = fields();

    private static final String RUN_COLUMNS = """
            id, feed, kind, instance, started_at, finished_at, status, failure, received, stored, duplicates, quarantined,
            bulk, read_so_far, stored_so_far, quarantined_so_far, expected,
            extract(epoch from coalesce(finished_at, now()) - started_at) as run_seconds, now() as read_at""";
    /** Runs with a bulk run's progress, which lives in a table of its own. */
    private static final String RUNS = "feed_run left join feed_run_progress on run_id = id";

    private final JdbcClient jdbc;
    private final List<Replayable> running;

    FeedStatusService(JdbcClient jdbc, List<Replayable> running) {
        this.jdbc = jdbc;
        this.running = running.stream().sorted(Comparator.comparing(Replayable::feedCode)).toList();
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("nhsNumber", "nhs_number");
        fields.put("dateOfBirth", "date_of_birth");
        fields.put("givenName", "given_name");
        fields.put("familyName", "family_name");
        fields.put("sex", "sex");
        fields.put("ethnicity", "ethnicity");
        fields.put("postcode", "postcode");
        fields.put("uprn", "uprn");
        fields.put("addressLine", "address_line");
        fields.put("phone", "phone");
        fields.put("email", "email");
        return fields;
    }

    @Override
    public List<FeedStatus> feeds(String agency) {
        List<FeedStatus> feeds = new ArrayList<>();
        for (Replayable feed : running) {
            if (agency != null && !agency.equals(feed.feedAgency())) {
                continue;
            }
            // replays read nothing from the partner: a feed's status is its polls
            FeedRun last = jdbc.sql("select " + RUN_COLUMNS + " from " + RUNS + " where feed = ? and kind = 'poll' "
                    + "order by started_at desc limit 1").param(feed.feedCode()).query(FeedStatusService::run)
                    .optional().orElse(null);
            Long lag = jdbc.sql("""
                    select extract(epoch from now() - max(started_at))::bigint from feed_run
                    where feed = ? and kind = 'poll' and status = 'completed'""")
                    .param(feed.feedCode()).query(Long.class).optional().orElse(null);
            String lastError = last != null && "failed".equals(last.status()) ? last.failure() : null;
            feeds.add(new FeedStatus(feed.feedCode(), feed.feedAgency(), feed.feedName(), feed.feedTransport(), last, lag,
                    lastError));
        }
        return feeds;
    }

    @Override
    public List<FeedRun> runs(String feed, int limit) {
        return jdbc.sql("select " + RUN_COLUMNS + " from " + RUNS + " where feed = ? order by started_at desc limit ?")
                .params(feed, limit).query(FeedStatusService::run).list();
    }

    @Override
    public Map<String, DataQuality> quality(Collection<String> feeds) {
        String[] codes = feeds.toArray(String[]::new);
        StringBuilder counts = new StringBuilder("select s.feed, count(*)");
        FIELDS.values().forEach(column -> counts.append(", count(*) filter (where p.").append(column).append(")"));
        // only the current version of each partner record counts: a corrected record replaces the old
        counts.append("""
                 from person_record_completeness p join source_record s on s.id = p.source_record_id
                where s.feed = any(?) and s.version = (select max(v.version) from source_record v
                    where v.agency = s.agency and v.source_id = s.source_id)
                group by s.feed""");
        Map<String, List<Object>> present = new HashMap<>();
        jdbc.sql(counts.toString()).param(codes).query(rs -> {
            List<Object> row = new ArrayList<>();
            for (int i = 2; i <= FIELDS.size() + 2; i++) {
                row.add(rs.getInt(i));
            }
            present.put(rs.getString(1), row);
        });
        Map<String, List<RejectionReason>> reasons = new HashMap<>();
        // record positions ([0], [3]) are dropped so that one rule on one field counts as one reason
        jdbc.sql("""
                select feed, reason, count(*) from (
                    select feed, regexp_replace(unnest(reasons), '\\[\\d+\\]', '[]', 'g') as reason
                    from quarantined_record where feed = any(?)) r
                group by feed, reason order by feed, count(*) desc, reason""")
                .param(codes).query(rs -> {
                    List<RejectionReason> list = reasons.computeIfAbsent(rs.getString(1), f -> new ArrayList<>());
                    if (list.size() < 10) {
                        list.add(new RejectionReason(rs.getString(2), rs.getInt(3)));
                    }
                });
        Map<String, DataQuality> quality = new HashMap<>();
        for (String feed : feeds) {
            List<Object> row = present.get(feed);
            int total = row == null ? 0 : (Integer) row.get(0);
            List<FieldCompleteness> completeness = new ArrayList<>();
            int i = 1;
            for (String field : FIELDS.keySet()) {
                int count = row == null ? 0 : (Integer) row.get(i++);
                completeness.add(new FieldCompleteness(field, count, total == 0 ? 0 : (double) count / total));
            }
            quality.put(feed, new DataQuality(total, completeness, reasons.getOrDefault(feed, List.of())));
        }
        return quality;
    }

    private static FeedRun run(ResultSet rs, int n) throws SQLException {
        return new FeedRun(rs.getObject("id", UUID.class), rs.getString("feed"), rs.getString("kind").toUpperCase(), rs.getString("instance"),
                rs.getObject("started_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                rs.getString("status"), rs.getString("failure"), rs.getInt("received"), rs.getInt("stored"),
                rs.getInt("duplicates"), rs.getInt("quarantined"), rs.getBoolean("bulk"), progress(rs));
    }

    /**
     * A bulk run's progress is what it has read and staged (its counts are published at the end); a polled
     * run's is its counts, which grow as each batch commits.
     */
    private static Progress progress(ResultSet rs) throws SQLException {
        boolean bulk = rs.getBoolean("bulk");
        boolean staging = bulk && rs.getInt("received") == 0;
        int read = staging ? rs.getInt("read_so_far") : rs.getInt("received");
        int stored = staging ? rs.getInt("stored_so_far") : rs.getInt("stored");
        int quarantined = staging ? rs.getInt("quarantined_so_far") : rs.getInt("quarantined");
        Integer expected = rs.getObject("expected") == null ? null : rs.getInt("expected");
        double seconds = rs.getDouble("run_seconds");
        double rate = seconds > 0 ? read / seconds : 0;
        OffsetDateTime end = null;
        if ("running".equals(rs.getString("status")) && expected != null && expected > read && rate > 0) {
            end = rs.getObject("read_at", OffsetDateTime.class).plusSeconds((long) Math.ceil((expected - read) / rate));
        }
        return new Progress(read, stored, quarantined, expected, rate, end);
    }
}
