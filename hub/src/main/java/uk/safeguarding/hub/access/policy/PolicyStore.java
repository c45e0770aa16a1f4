package uk.safeguarding.hub.access.policy;

import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds the policies in force. Loads them at start-up (the hub does not start without them) and again
 * when any document changes; a reload that fails leaves the previous good set in force.
 */
@Component
public class PolicyStore {

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

    /** What the last load attempt found. */
    public record LoadResult(boolean loaded, String fingerprint, List<String> problems) {
    }

    private final PolicyLoader loader;
    private final String location;
    private final AtomicReference<PolicySet> current = new AtomicReference<>();
    private volatile String fingerprint;
    private volatile String attempted;
    private volatile LoadResult lastResult;

    PolicyStore(ResourcePatternResolver resources, Validator validator, @Value("${hub.policies.dir}") String location) {
        this.loader = new PolicyLoader(resources, validator);
        this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        LoadResult first = reload();
        if (!first.loaded()) {
            throw new IllegalStateException("The hub will not run without its policies. " + String.join("; ", first.problems()));
        }
    }

    public PolicySet current() {
        return current.get();
    }

    public LoadResult lastResult() {
        return lastResult;
    }

    /** Loads every document again; on any problem keeps the set in force and says why. */
    public synchronized LoadResult reload() {
        try {
            String seen = loader.fingerprint(location);
            attempted = seen;
            PolicySet set = loader.load(location);
            current.set(set);
            fingerprint = seen;
            lastResult = new LoadResult(true, seen, List.of());
            log.info("Policies loaded from {}: {} agreements", location, set.agreements().size());
        } catch (PolicyRejected rejected) {
            lastResult = new LoadResult(false, fingerprint, rejected.problems());
            log.error("{}{}", rejected.getMessage(), current.get() == null ? "" : "\nThe previous policies stay in force.");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the policies folder " + location, e);
        }
        return lastResult;
    }

    @Scheduled(fixedDelayString = "${hub.policies.poll-interval}", initialDelayString = "${hub.policies.poll-interval}")
    void reloadWhenChanged() {
        try {
            String seen = loader.fingerprint(location);
            if (!seen.equals(attempted)) {
                reload();
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot read the policies folder {}: {}", location, e.getClass().getSimpleName());
        }
    }
}
