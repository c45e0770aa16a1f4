package uk.safeguarding.hub.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.annotation.IntegrationComponentScan;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.redis.util.RedisLockRegistry;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.messaging.MessageChannel;
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

    /** One lock per feed across all hub instances that share this Redis. */
    @Bean
    RedisLockRegistry feedLocks(RedisConnectionFactory redis) {
        return new RedisLockRegistry(redis, "hub:feed-lock", 30 * 60 * 1000L);
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
