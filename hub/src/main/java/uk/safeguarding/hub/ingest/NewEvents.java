package uk.safeguarding.hub.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.hub.identity.Identities;

/**
 * Tells every hub instance of the events just kept, and whom they concern: once a batch commits, one
 * message on the Redis channel {@value #CHANNEL} lists each new event with its subjects (ids only, no
 * personal data). Case work turns them into alerts, disclosed to each case manager as they may see them.
 */
@Component
public class NewEvents {

    public static final String CHANNEL = "hub:new-events";

    /** An event kept, and a subject it concerns. */
    public record Arrival(UUID eventId, UUID subjectId) {
    }

    /** The message on the channel. */
    public record Batch(List<Arrival> arrivals) {
    }

    private static final Logger log = LoggerFactory.getLogger(NewEvents.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final StringRedisTemplate redis;
    private final Identities identities;

    NewEvents(JdbcClient jdbc, StringRedisTemplate redis, Identities identities) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.identities = identities;
    }

    public static Batch read(String message) {
        return JSON.readValue(message, Batch.class);
    }

    void publishWhenCommitted(List<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        Runnable publish = () -> {
            try {
                // each event's parties, and the subjects identity links them to now
                Map<UUID, List<Long>> parties = new LinkedHashMap<>();
                jdbc.sql("select event_id, person_record_id from event_party where event_id = any(?::uuid[])")
                        .param(eventIds.stream().map(UUID::toString).toArray(String[]::new))
                        .query(rs -> {
                            parties.computeIfAbsent(rs.getObject(1, UUID.class), e -> new ArrayList<>()).add(rs.getLong(2));
                        });
                Map<Long, Identities.KnownPerson> people = identities.personRecords(
                        parties.values().stream().flatMap(List::stream).distinct().toList());
                List<Arrival> arrivals = parties.entrySet().stream().flatMap(e -> e.getValue().stream()
                        .filter(people::containsKey).map(r -> new Arrival(e.getKey(), people.get(r).subjectId())))
                        .distinct().toList();
                if (!arrivals.isEmpty()) {
                    redis.convertAndSend(CHANNEL, JSON.writeValueAsString(new Batch(arrivals)));
                }
            } catch (RuntimeException e) {
                // the events are kept; only the alerts of this batch are lost
                log.warn("New events not announced ({})", e.getClass().getSimpleName());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publish.run();
                }
            });
        } else {
            publish.run();
        }
    }
}
