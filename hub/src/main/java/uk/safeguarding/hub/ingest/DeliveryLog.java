package uk.safeguarding.hub.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.integration.metadata.ConcurrentMetadataStore;
import org.springframework.integration.redis.metadata.RedisMetadataStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The idempotent repository of deliveries kept, shared by every hub instance through Redis (Spring
 * Integration's metadata store): a delivery seen before is answered as a duplicate without touching
 * the record tables. It is a fast path, not the truth: a delivery is remembered only after the
 * transaction that kept it commits, so nothing is ever skipped that was not kept, and the database's
 * unique constraint on (agency, source id, content hash) still decides when Redis is empty or down.
 */
@Component
class DeliveryLog {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

    private final ConcurrentMetadataStore kept;

    DeliveryLog(RedisConnectionFactory redis) {
        this.kept = new RedisMetadataStore(redis, "hub:deliveries-kept");
    }

    /** Whether this exact delivery (agency, partner's id, content) is known to be kept. */
    boolean kept(String agency, String sourceId, String contentHash) {
        try {
            return kept.get(key(agency, sourceId, contentHash)) != null;
        } catch (RuntimeException redisDown) {
            // the database's constraint recognises the duplicate instead
            log.warn("Delivery log unavailable ({}); duplicates are recognised by the database", redisDown.getClass().getSimpleName());
            return false;
        }
    }

    /** Remembers a delivery once the current transaction has committed it (at once if there is none). */
    void rememberWhenCommitted(String agency, String sourceId, String contentHash, long sourceRecordId) {
        String key = key(agency, sourceId, contentHash);
        Runnable remember = () -> {
            try {
                kept.putIfAbsent(key, Long.toString(sourceRecordId));
            } catch (RuntimeException redisDown) {
                log.warn("Delivery log unavailable ({}); not remembered", redisDown.getClass().getSimpleName());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember.run();
                }
            });
        } else {
            remember.run();
        }
    }

    /** Partners' ids are not personal data, but the key needs no more than the content hash makes unique. */
    private static String key(String agency, String sourceId, String contentHash) {
        return agency + "|" + sourceId + "|" + contentHash;
    }
}
