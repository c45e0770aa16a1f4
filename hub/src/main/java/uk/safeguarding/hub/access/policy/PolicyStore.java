package uk.safeguarding.hub.access.policy;

import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.audit.AuditLog;

/**
 * Holds the policies in force. Loads them at start-up (the hub does not start without them), again when any
 * document changes, and when an administrator asks. Every load, loaded or refused, is audited with the
 * SHA-256 of each document. A load is refused as a whole (the previous set stays in force) if any document
 * breaks a rule, or if an agreement's text changed while its version did not: each {@code id@version} the hub
 * has loaded is remembered with its content hash, across restarts. Each remembered version also keeps the
 * fields its wildcard clauses covered when first loaded: a field catalogued later is not released under it
 * until the agreement is re-versioned, and the load says which agreements such a field would affect.
 */
@Component
public class PolicyStore {

    private static final Logger log = LoggerFactory.getLogger(PolicyStore.class);

    /** The actor of the loads the hub makes by itself (start-up, a changed file). */
    static final String HUB = "hub";

    /**
     * What the last load attempt found.
     *
     * @param awaitingReversion fields catalogued after an agreement version was first loaded, each with the
     *                          agreements ({@code id@version}) that do not release it until re-versioned
     */
    public record LoadResult(boolean loaded, String fingerprint, List<String> problems,
            Map<String, List<String>> awaitingReversion) {
    }

    /** An agreement version as first loaded. */
    private record Remembered(String contentHash, String file, Set<String> wildcardFields) {
    }

    private final PolicyLoader loader;
    private final String location;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final AtomicReference<PolicySet> current = new AtomicReference<>();
    private volatile String fingerprint;
    private volatile String attempted;
    private volatile LoadResult lastResult;

    PolicyStore(ResourcePatternResolver resources, Validator validator, @Value("${hub.policies.dir}") String location,
            JdbcClient jdbc, AuditLog audit, PlatformTransactionManager transactions) {
        this.loader = new PolicyLoader(resources, validator);
        this.location = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        this.jdbc = jdbc;
        this.audit = audit;
        this.tx = new TransactionTemplate(transactions);
        LoadResult first = load("start-up", null);
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

    /** Loads every document again at an administrator's request; on any problem keeps the set in force and says why. */
    public LoadResult reload(Caller by) {
        return load("reloadPolicies", by);
    }

    @Scheduled(fixedDelayString = "${hub.policies.poll-interval}", initialDelayString = "${hub.policies.poll-interval}")
    void reloadWhenChanged() {
        try {
            String seen = loader.fingerprint(location);
            if (!seen.equals(attempted)) {
                load("file-change", null);
            }
        } catch (IOException | RuntimeException e) {
            // the set in force stays; the next poll tries again
            log.warn("Cannot load the policies folder {}: {}", location, e.getClass().getSimpleName());
        }
    }

    /**
     * One load: read and check every document, check each agreement version against what the hub remembers,
     * pin wildcards, then remember the new versions and audit the load in one transaction. Only once that has
     * committed is the new set put in force: a load that cannot be audited is not applied.
     */
    private synchronized LoadResult load(String trigger, Caller by) {
        Map<String, String> documents;
        try {
            documents = loader.documentHashes(location);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the policies folder " + location, e);
        }
        String seen = PolicyLoader.fingerprint(documents);
        PolicySet set = null;
        List<String> problems = List.of();
        Map<String, Remembered> fresh = new LinkedHashMap<>();
        try {
            PolicySet candidate = loader.load(location);
            Map<String, Remembered> remembered = remembered();
            List<PolicyProblem> changed = new ArrayList<>();
            Map<String, Set<String>> pins = new HashMap<>();
            for (PolicySet.LoadedAgreement a : candidate.agreements()) {
                Remembered before = remembered.get(a.versionId());
                if (before == null) {
                    Remembered now = new Remembered(a.contentHash(), a.file(), candidate.wildcardFields(a));
                    fresh.put(a.versionId(), now);
                    pins.put(a.id(), now.wildcardFields());
                } else if (!before.contentHash().equals(a.contentHash())) {
                    changed.add(new PolicyProblem(a.file(), a.versionLine(), "version", "the text of " + a.versionId()
                            + " is not the text first loaded under that version (SHA-256 " + before.contentHash()
                            + ", from " + before.file() + "; now " + a.contentHash() + "): a changed agreement needs a new version"));
                } else {
                    pins.put(a.id(), before.wildcardFields());
                }
            }
            if (!changed.isEmpty()) {
                throw new PolicyRejected(changed);
            }
            set = candidate.pinnedTo(pins);
        } catch (PolicyRejected rejected) {
            problems = rejected.problems();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the policies folder " + location, e);
        }
        Map<String, List<String>> awaiting = set == null ? Map.of() : set.fieldsAwaitingReversion();
        PolicySet loaded = set;
        List<String> refused = problems;
        tx.executeWithoutResult(status -> {
            fresh.forEach((version, r) -> jdbc.sql("""
                    insert into policy_agreement_version (agreement, version, content_hash, file, wildcard_fields)
                    values (?, ?, ?, ?, ?) on conflict (agreement, version) do nothing""")
                    .params(version.substring(0, version.indexOf('@')), version.substring(version.indexOf('@') + 1),
                            r.contentHash(), r.file(), r.wildcardFields().toArray(String[]::new)).update());
            audit.append(entry(trigger, by, documents, loaded, refused, awaiting));
        });
        attempted = seen;
        if (loaded != null) {
            current.set(loaded);
            fingerprint = seen;
            lastResult = new LoadResult(true, seen, List.of(), awaiting);
            log.info("Policies loaded from {} ({}): {}", location, trigger,
                    loaded.agreements().stream().map(PolicySet.LoadedAgreement::citation).toList());
            awaiting.forEach((field, agreements) -> log.warn("Field {} was catalogued after {} first loaded: not released "
                    + "under them until they are re-versioned", field, agreements));
        } else {
            lastResult = new LoadResult(false, fingerprint, refused, Map.of());
            log.error("Policy documents refused ({}); nothing was loaded:\n  {}{}", trigger, String.join("\n  ", refused),
                    current.get() == null ? "" : "\nThe previous policies stay in force.");
        }
        return lastResult;
    }

    private Map<String, Remembered> remembered() {
        Map<String, Remembered> all = new HashMap<>();
        jdbc.sql("select agreement, version, content_hash, file, wildcard_fields from policy_agreement_version")
                .query((rs, n) -> all.put(rs.getString(1) + "@" + rs.getString(2), new Remembered(rs.getString(3),
                        rs.getString(4), new TreeSet<>(Arrays.asList((String[]) rs.getArray(5).getArray())))))
                .list();
        return all;
    }

    /** The load's audit entry: who or what started it, every document's hash, and the outcome. */
    private AuditLog.Entry entry(String trigger, Caller by, Map<String, String> documents, PolicySet loaded,
            List<String> problems, Map<String, List<String>> awaiting) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("trigger", trigger);
        detail.put("location", location);
        detail.put("loaded", loaded != null);
        detail.put("documents", documents);
        if (loaded != null) {
            detail.put("agreementVersions", loaded.agreements().stream().map(PolicySet.LoadedAgreement::citation).toList());
            detail.put("awaitingReversion", awaiting);
        } else {
            detail.put("problems", problems);
            PolicySet inForce = current.get();
            detail.put("inForce", inForce == null ? List.of()
                    : inForce.agreements().stream().map(PolicySet.LoadedAgreement::citation).toList());
        }
        return by == null
                ? new AuditLog.Entry(HUB, null, Set.of(), null, "loadPolicies", List.of(), detail)
                : new AuditLog.Entry(by.userId(), by.agency(), by.roles(), null, "loadPolicies", List.of(), detail);
    }
}
