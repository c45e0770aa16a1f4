package uk.safeguarding.hub.ingest;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.redis.util.RedisLockRegistry;
import org.springframework.messaging.MessageChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import uk.safeguarding.connectors.canonical.RecordGateway.Outcome;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Wires the gateway to the store. Direct channels: records are kept in the caller's thread, so a feed
 * run's records are all kept (or refused) before the run is closed.
 */
@Configuration
@IntegrationComponentScan
class IngestFlow {

    static final String RECORDS = "ingest.records";
    static final String BATCHES = "ingest.batches";

    @Bean(name = RECORDS)
    MessageChannel records() {
        return new DirectChannel();
    }

    @Bean(name = BATCHES)
    MessageChannel batches() {
        return new DirectChannel();
    }

    @Bean
    RecordHandler recordHandler(RecordStore store) {
        return new RecordHandler(store);
    }

    /**
     * One lock per feed across all hub instances that share this Redis. A running feed's lock is renewed
     * every third of its expiry; when its instance dies, renewal stops and another instance takes the feed
     * over once the lock expires (the cut-short run is marked abandoned and resumed).
     */
    @Bean
    RedisLockRegistry feedLocks(RedisConnectionFactory redis, @Value("${hub.feeds.lock-expiry:60s}") Duration expiry,
            @Qualifier("lockRenewal") ThreadPoolTaskScheduler renewal) {
        RedisLockRegistry locks = new RedisLockRegistry(redis, "hub:feed-lock", expiry);
        locks.setRenewalTaskScheduler(renewal);
        return locks;
    }

    @Bean
    ThreadPoolTaskScheduler lockRenewal(MeterRegistry meters) {
        // counted, so that operators (and tests) can see a long run's lock being kept
        Counter renewed = Counter.builder("hub.feed.lock.renewals").description("Feed locks renewed in Redis")
                .register(meters);
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler() {
            @Override
            public ScheduledFuture<?> scheduleWithFixedDelay(Runnable renewal, Duration delay) {
                return super.scheduleWithFixedDelay(() -> {
                    renewal.run();
                    renewed.increment();
                }, delay);
            }
        };
        scheduler.setThreadNamePrefix("feed-lock-renewal-");
        scheduler.setPoolSize(1);
        // while Redis is away every renewal fails: one line each, not a stack trace (the next poll retries)
        scheduler.setErrorHandler(failure -> LoggerFactory.getLogger(IngestFlow.class)
                .warn("A feed lock could not be renewed: {}", failure.getClass().getSimpleName()));
        return scheduler;
    }

    public static class RecordHandler {
        private static final Logger log = LoggerFactory.getLogger(RecordHandler.class);

        private final RecordStore store;

        RecordHandler(RecordStore store) {
            this.store = store;
        }

        /**
         * A batch is kept in one transaction; if that fails (a record the database refuses), it is kept
         * again record by record, and a record refused on its own is quarantined with the reason, so that
         * one bad record costs only itself and the feed run goes on.
         */
        @ServiceActivator(inputChannel = BATCHES)
        public List<Outcome> receiveAll(List<SourceRecord> records) {
            try {
                return store.acceptAll(records);
            } catch (DataAccessException batchRefused) {
                log.warn("A batch of {} records was refused ({}); keeping them one by one", records.size(),
                        batchRefused.getClass().getSimpleName());
                return records.stream().map(this::receive).toList();
            }
        }

        @ServiceActivator(inputChannel = RECORDS)
        public Outcome receive(SourceRecord record) {
            try {
                return store.accept(record);
            } catch (DataAccessException refused) {
                return store.quarantine(record, "the hub's store refused the record: " + describe(refused));
            }
        }

        /** The database's reason by SQL state, never its message (which can quote the record). */
        private static String describe(DataAccessException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                    return switch (sql.getSQLState()) {
                        case "23503" -> "it names something the hub does not know (e.g. an agency not in its register)";
                        case "23505" -> "it conflicts with a record already kept";
                        case "22001" -> "a value is longer than the hub keeps";
                        default -> "SQL state " + sql.getSQLState();
                    };
                }
            }
            return e.getClass().getSimpleName();
        }
    }
}
