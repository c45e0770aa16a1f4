package uk.safeguarding.hub.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.hub.identity.matching.MatchModel;
import uk.safeguarding.hub.identity.matching.RecordLinkage.Thresholds;

/**
 * The match weights in force, the same on every instance: the newest row of {@code match_model}, or
 * before any, the weights shipped with the hub (trained on the synthetic London). Re-trained by EM on the
 * stored records when there are enough of them and they have doubled since the last training (checked at
 * start-up and on a schedule), or when a hub administrator asks; one instance trains at a time, and the
 * others pick the new weights up within {@code refresh}. A training is announced ({@link MatchModelTrained}),
 * so that what the old weights decided is looked at again ({@link Relinking}).
 */
@Service
@EnableConfigurationProperties(MatchModels.Settings.class)
class MatchModels {

    private static final Logger log = LoggerFactory.getLogger(MatchModels.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Advisory lock (two-number form) of training and of the block back-fill: one instance at a time. */
    private static final int TRAINING_LOCK = 7304;

    @ConfigurationProperties("hub.identity.matching")
    record Settings(@DefaultValue("15") double lower, @DefaultValue("18") double upper,
            @DefaultValue("5000") int minRecords, @DefaultValue("200000") int trainingSample,
            @DefaultValue("30s") Duration refresh, @DefaultValue("1h") Duration retrainCheck,
            @DefaultValue("true") boolean relinkAfterTraining) {
    }

    /** The weights in force and the row they came from (null: the shipped weights). */
    record Current(Long id, MatchModel model) {
    }

    private final JdbcClient jdbc;
    private final Settings settings;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final MatchModel shipped;
    private volatile Current current;

    MatchModels(JdbcClient jdbc, Settings settings, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.shipped = shipped(settings);
    }

    private static MatchModel shipped(Settings settings) {
        try (InputStream in = MatchModels.class.getResourceAsStream("/identity/match-model.json")) {
            MatchModel.Parameters p = JSON.readValue(in, MatchModel.Parameters.class);
            return MatchModel.of(new MatchModel.Parameters(p.layout(), p.lambda(), p.m(), p.u(), p.givenFrequency(),
                    p.familyFrequency(), settings.lower(), settings.upper()));
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped match weights cannot be read", e);
        }
    }

    Settings settings() {
        return settings;
    }

    Current current() {
        Current c = current;
        if (c == null) {
            refresh();
            c = current;
        }
        return c;
    }

    /** Forgets the weights in force (say, after an operator removed a bad training): the next use reads them again. */
    void forget() {
        current = null;
    }

    /** Picks up weights another instance trained. */
    @Scheduled(fixedDelayString = "${hub.identity.matching.refresh:30s}", initialDelayString = "${hub.identity.matching.refresh:30s}")
    void refresh() {
        Current seen = current;
        long known = seen == null || seen.id() == null ? 0 : seen.id();
        Optional<Current> newer = jdbc.sql("select id, parameters::text from match_model where id > ? order by id desc limit 1")
                .param(known)
                .query((rs, n) -> new Current(rs.getLong(1), MatchModel.of(JSON.readValue(rs.getString(2),
                        MatchModel.Parameters.class))))
                .optional();
        if (newer.isPresent()) {
            current = newer.get();
        } else if (seen == null) {
            current = new Current(null, shipped);
        }
    }

    /** At start-up, then every {@code retrain-check}: files records kept before blocking keys, and re-trains if due. */
    @Scheduled(initialDelay = 0, fixedDelayString = "${hub.identity.matching.retrain-check:1h}")
    void maintain() {
        try {
            backfillBlocks();
            if (due()) {
                train("hub:schedule");
            }
        } catch (RuntimeException e) {
            // the class only: a message could quote the data it failed on
            log.warn("Identity model maintenance failed ({}); the weights in force stay", e.getClass().getName());
        }
    }

    private boolean due() {
        long records = jdbc.sql("select count(*) from person_record").query(Long.class).single();
        long held = jdbc.sql("select coalesce(max(records_held), 0) from match_model where id = (select max(id) from match_model)")
                .query(Long.class).single();
        return records >= settings.minRecords() && records >= 2 * held;
    }

    /** What a training produced (or, when another instance was training, null). */
    record Trained(long id, OffsetDateTime trainedAt, String trainedBy, int records, double lower, double upper) {
    }

    /** Trains on the newest {@code training-sample} records; null if another instance is training now. */
    Trained train(String actor) {
        Trained trained = transaction.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(?, 0)").param(TRAINING_LOCK).query(Boolean.class).single()) {
                return null;
            }
            List<PersonRecord> records = new ArrayList<>();
            long[] held = new long[1];
            // one statement, so the count is of the same records the sample is drawn from
            jdbc.sql("""
                    select given_name, family_name, date_of_birth, sex, nhs_number, agency_ids, postcode, uprn, phone, email,
                           (select count(*) from person_record)
                    from person_record order by id desc limit ?""")
                    .param(settings.trainingSample())
                    .query(rs -> {
                        records.add(person(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                                rs.getString(4), rs.getString(5), rs.getArray(6), rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10)));
                        held[0] = rs.getLong(11);
                    });
            if (records.size() < 2) {
                return null;
            }
            long started = System.nanoTime();
            MatchModel model = MatchModel.train(records, new Thresholds(settings.lower(), settings.upper()));
            long id = jdbc.sql("""
                    insert into match_model (trained_by, records, records_held, lower_threshold, upper_threshold, parameters)
                    values (?, ?, ?, ?, ?, ?::jsonb) returning id""")
                    .params(actor, records.size(), held[0], settings.lower(), settings.upper(),
                            JSON.writeValueAsString(model.parameters()))
                    .query(Long.class).single();
            log.info("Identity match weights {} trained on {} person records in {} ms", id, records.size(),
                    (System.nanoTime() - started) / 1_000_000);
            return jdbc.sql("select id, trained_at, trained_by, records, lower_threshold, upper_threshold from match_model where id = ?")
                    .param(id)
                    .query((rs, n) -> new Trained(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                            rs.getInt(4), rs.getDouble(5), rs.getDouble(6)))
                    .single();
        });
        if (trained != null) {
            refresh();
            // what the old weights decided is looked at again with the new ones (Relinking)
            events.publishEvent(new MatchModelTrained(trained.id(), actor));
        }
        return trained;
    }

    /** The weights in force, described (null id: the shipped weights). */
    Optional<Trained> latest() {
        return jdbc.sql("select id, trained_at, trained_by, records, lower_threshold, upper_threshold from match_model "
                        + "order by id desc limit 1")
                .query((rs, n) -> new Trained(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        rs.getInt(4), rs.getDouble(5), rs.getDouble(6)))
                .optional();
    }

    static PersonRecord person(String given, String family, LocalDate born, String sex, String nhs, java.sql.Array agencyIds,
            String postcode, String uprn, String phone, String email) {
        List<String> ids;
        try {
            ids = agencyIds == null ? List.of() : Arrays.asList((String[]) agencyIds.getArray());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Address> addresses = postcode == null && uprn == null ? List.of() : List.of(new Address(null, postcode, uprn, null));
        return new PersonRecord("stored", given, family, born, sex == null ? null : PersonRecord.Sex.valueOf(sex), nhs, ids,
                addresses, phone, email);
    }

    /** Files, in chunks, the person records kept before blocking keys existed (once, by one instance). */
    private void backfillBlocks() {
        while (Boolean.TRUE.equals(transaction.execute(status -> {
            if (!jdbc.sql("select pg_try_advisory_xact_lock(?, 1)").param(TRAINING_LOCK).query(Boolean.class).single()) {
                return false;
            }
            Optional<Long> upTo = jdbc.sql("select up_to from match_block_backfill limit 1").query(Long.class).optional();
            if (upTo.isEmpty()) {
                return false;
            }
            List<Long> ids = new ArrayList<>();
            List<PersonRecord> records = new ArrayList<>();
            jdbc.sql("""
                    select id, given_name, family_name, date_of_birth, sex, nhs_number, agency_ids, postcode, uprn, phone, email
                    from person_record where id <= ? order by id desc limit 5000""")
                    .param(upTo.get())
                    .query(rs -> {
                        ids.add(rs.getLong(1));
                        records.add(person(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class), rs.getString(5),
                                rs.getString(6), rs.getArray(7), rs.getString(8), rs.getString(9), rs.getString(10),
                                rs.getString(11)));
                    });
            Blocks.file(jdbc, ids, records.stream().map(r -> Blocks.keys(MatchModel.prepare(r))).toList());
            if (ids.size() < 5000) {
                jdbc.sql("delete from match_block_backfill").update();
            } else {
                jdbc.sql("update match_block_backfill set up_to = ?").param(ids.get(ids.size() - 1) - 1).update();
            }
            return true;
        })));
    }
}
