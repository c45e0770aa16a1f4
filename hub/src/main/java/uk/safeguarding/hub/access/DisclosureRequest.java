package uk.safeguarding.hub.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import uk.safeguarding.hub.access.policy.PolicySet;
import uk.safeguarding.hub.access.policy.PolicySet.Circumstances;
import uk.safeguarding.hub.access.policy.PolicySet.Decision;

/**
 * One request's view, fixed for the whole request (the policies in force and the day), and its decisions. A
 * decision depends only on the field, the provider, the record's class and the subject's circumstances, so within
 * a request each is worked out once (a timeline of a hundred events asks the same few hundred times) and noted for
 * the audit every time it is used.
 */
record DisclosureRequest(Caller caller, Purpose purpose, PolicySet policy, LocalDate today, AuditNotes notes,
        Map<Circumstances, Map<String, Decision>> decided) {

    DisclosureRequest(Caller caller, Purpose purpose, PolicySet policy, LocalDate today, AuditNotes notes) {
        this(caller, purpose, policy, today, notes, new java.util.IdentityHashMap<>());
    }

    Decision decide(String field, String provider, String sensitivity, Circumstances facts) {
        Decision d = decided.computeIfAbsent(facts, f -> new HashMap<>()).computeIfAbsent(field + '|' + provider + '|'
                + sensitivity, k -> policy.decide(caller, purpose, field, provider, sensitivity, facts));
        notes.note(d);
        return d;
    }

    /** A field of case work, under the case's own agreement. */
    Decision decide(String field, String keeper, String sensitivity, Circumstances facts, String agreement) {
        Decision d = policy.decideCase(agreement, caller, purpose, field, keeper, facts);
        notes.note(d);
        return d;
    }

    /** The agreement versions (cited with their content hash) and clauses a request's releases relied on, for its audit entry. */
    static final class AuditNotes {
        private final Map<String, Set<String>> clausesByAgreement = new TreeMap<>();
        private int released;
        private final Map<Withheld.Reason, Integer> withheld = new EnumMap<>(Withheld.Reason.class);

        void note(Decision d) {
            if (d.released()) {
                released++;
                // id@version#hash: the very text relied on, not only its version
                clausesByAgreement.computeIfAbsent(d.citation(), k -> new TreeSet<>()).add(d.clause());
            } else {
                withheld.merge(d.withheld().reason(), 1, Integer::sum);
            }
        }

        /** The request's field decisions, counted once it is audited: released, and withheld by reason. */
        void measure(MeterRegistry meters) {
            decisions(meters, "released", "-").increment(released);
            withheld.forEach((reason, n) -> decisions(meters, "withheld", reason.name()).increment(n));
        }

        private static Counter decisions(MeterRegistry meters, String outcome, String reason) {
            return Counter.builder("hub.disclosure.decisions").description("Field decisions of disclosed answers")
                    .tags("outcome", outcome, "reason", reason).register(meters);
        }

        Map<String, List<String>> agreements() {
            Map<String, List<String>> out = new TreeMap<>();
            clausesByAgreement.forEach((k, v) -> out.put(k, List.copyOf(v)));
            return out;
        }
    }
}
