package uk.safeguarding.hub.ingest;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.redis.util.RedisLockRegistry;
import org.springframework.data.redis.connection.RedisConnectionFactory;
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
    RedisLockRegistry feedLocks(RedisConnectionFactory redis, @Value("${hub.feeds.lock-expiry:60s}") Duration expiry) {
        RedisLockRegistry locks = new RedisLockRegistry(redis, "hub:feed-lock", expiry);
        locks.setRenewalTaskScheduler(lockRenewal());
        return locks;
    }

    @Bean
    ThreadPoolTaskScheduler lockRenewal() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("feed-lock-renewal-");
        scheduler.setPoolSize(1);
        return scheduler;
    }

    public static class RecordHandler {
        private static final Logger log = LoggerFactory.getLogger(RecordHandler.class);

        private final RecordStore store;

        RecordHandler(RecordStore store) {
            this.store = store;
        }

        @ServiceActivator(inputChannel = RECORDS)
        public Outcome receive(SourceRecord record) {
            return store.accept(record);
        }

        /**
         * A batch is kept in one transaction; if that fails (one record the database refuses), it is kept
         * again record by record, so that one bad record costs only itself.
         */
        @ServiceActivator(inputChannel = BATCHES)
        public List<Outcome> receiveAll(List<SourceRecord> records) {
            try {
                return store.acceptAll(records);
            } catch (DataAccessException batchRefused) {
                log.warn("A batch of {} records failed ({}); keeping them one by one", records.size(),
                        batchRefused.getClass().getSimpleName());
                return records.stream().map(store::accept).toList();
            }
        }
    }
}
