package uk.safeguarding.hub.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The idempotent repository of deliveries kept, shared by every hub instance through one Redis hash: a
 * delivery seen before is answered as a duplicate without touching the record tables. It is a fast
 * path, not the truth: a delivery is remembered only after the transaction that kept it commits, so
 * nothing is ever skipped that was not kept, and the database's unique constraint on (agency, source
 * id, content hash) still decides when Redis is empty or down. A batch is checked in one round trip
 * (HMGET) and remembered in another (HSET), not one per record.
 */
@Component
class DeliveryLog {

    static final String HASH = "hub:deliveries-kept";
    private static final Logger log = LoggerFactory.getLogger(DeliveryLog.class);

    private final StringRedisTemplate redis;

    DeliveryLog(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The hash a delivery's content is known by: SHA-256 of its raw text, in hex. */
    static String contentHash(String raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A delivery: the partner's agency, its id for the record, and the content's hash. */
    record Delivery(String agency, String sourceId, String contentHash) {
        String key() {
            return agency + "|" + sourceId + "|" + contentHash;
        }
    }

    /** For each delivery, whether it is known to be kept. */
    boolean[] kept(List<Delivery> deliveries) {
        boolean[] kept = new boolean[deliveries.size()];
        if (deliveries.isEmpty()) {
            return kept;
        }
        try {
            List<Object> found = redis.opsForHash().multiGet(HASH, new ArrayList<>(deliveries.stream().map(Delivery::key).toList()));
            for (int i = 0; i < kept.length; i++) {
                kept[i] = found.get(i) != null;
            }
        } catch (RuntimeException redisDown) {
            // the database's constraint recognises the duplicates instead
            log.warn("Delivery log unavailable ({}); duplicates are recognised by the database", redisDown.getClass().getSimpleName());
        }
        return kept;
    }

    /** Remembers deliveries (by the id of the source record that kept each) once the transaction commits. */
    void rememberWhenCommitted(Map<Delivery, Long> keptAs) {
        if (keptAs.isEmpty()) {
            return;
        }
        Map<String, String> entries = new HashMap<>();
        keptAs.forEach((delivery, id) -> entries.put(delivery.key(), Long.toString(id)));
        Runnable remember = () -> {
            try {
                redis.opsForHash().putAll(HASH, entries);
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
}
