package uk.safeguarding.hub.ingest;

import java.time.Duration;
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

/** Wires the gateway to the store. Direct channel: a record is kept in the caller's thread and transaction. */
@Configuration
@IntegrationComponentScan
class IngestFlow {

    static final String RECORDS = "ingest.records";

    @Bean(name = RECORDS)
    MessageChannel records() {
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
        private final RecordStore store;

        RecordHandler(RecordStore store) {
            this.store = store;
        }

        @ServiceActivator(inputChannel = RECORDS)
        public Outcome receive(SourceRecord record) {
            return store.accept(record);
        }
    }
}
