package uk.safeguarding.hub.access;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.hub.access.policy.PolicySet.Circumstances;

/** Consent, case assignment and open exemptions (by the agreement claimed under) for one subject, read fresh for every request. */
@Component
class SubjectCircumstances implements ConsentTakeUp {

    /** Each agency's latest consent per subject: a grant found not upheld, or recorded before grants named their evidence, is as if never made. */
    private static final String CONSENT_IN_FORCE = """
            select distinct on (subject_id, agency) subject_id, agency, state from consent
            where subject_id = any(:subjects) and purpose = :purpose
              and not (state = 'GRANTED' and (evidence_kind is null or review_status = 'NOT_UPHELD'))
            order by subject_id, agency, id desc""";

    private final JdbcClient jdbc;

    SubjectCircumstances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One round trip: the consent in force per agency, the assignment, and the open exemptions. */
    Circumstances of(UUID subject, Caller caller, Purpose purpose, LocalDate today) {
        return of(List.of(subject), caller, purpose, today).get(subject);
    }

    /** The circumstances of several subjects, read in one round trip. */
    Map<UUID, Circumstances> of(Collection<UUID> subjects, Caller caller, Purpose purpose, LocalDate today) {
        Map<UUID, Map<String, ConsentState>> consent = new HashMap<>();
        Map<UUID, Map<String, Set<ExemptionBasis>>> exemptions = new HashMap<>();
        Map<UUID, Set<String>> assigned = new HashMap<>();
        if (!subjects.isEmpty()) {
            jdbc.sql("""
                    select 'consent' as kind, c.subject_id, c.agency as name, c.state as value from (""" + CONSENT_IN_FORCE + """
                    ) c
                    union all
                    select 'assigned', subject_id, agreement, null from case_assignment
                    where subject_id = any(:subjects) and case_manager = :user and purpose = :purpose and ended_at is null
                    union all
                    select 'exemption', subject_id, basis, agreement from exemption
                    where subject_id = any(:subjects) and claimed_by = :user and purpose = :purpose
                      and agreement is not null and expires_at > now() and review_status <> 'NOT_UPHELD'""")
                    .param("subjects", subjects.toArray(UUID[]::new)).param("purpose", purpose.name())
                    .param("user", caller.userId())
                    .query((rs, n) -> {
                        UUID subject = rs.getObject("subject_id", UUID.class);
                        switch (rs.getString("kind")) {
                            case "consent" -> consent.computeIfAbsent(subject, s -> new HashMap<>())
                                    .put(rs.getString("name"), ConsentState.valueOf(rs.getString("value")));
                            // an assignment opens only the clauses of the agreement it was made under
                            case "assigned" -> assigned.computeIfAbsent(subject, s -> new HashSet<>()).add(rs.getString("name"));
                            // a claim opens only the clauses of the agreement it was made under
                            default -> exemptions.computeIfAbsent(subject, s -> new HashMap<>())
                                    .computeIfAbsent(rs.getString("value"), a -> EnumSet.noneOf(ExemptionBasis.class))
                                    .add(ExemptionBasis.valueOf(rs.getString("name")));
                        }
                        return null;
                    }).list();
        }
        Map<UUID, Circumstances> all = new HashMap<>();
        for (UUID subject : subjects) {
            all.put(subject, new Circumstances(today, consent.getOrDefault(subject, Map.of()), assigned.getOrDefault(subject, Set.of()),
                    exemptions.getOrDefault(subject, Map.of())));
        }
        return all;
    }

    @Override
    public Map<UUID, Boolean> given(Collection<UUID> subjects, Purpose purpose) {
        Map<UUID, Boolean> given = new HashMap<>();
        if (!subjects.isEmpty()) {
            jdbc.sql("select subject_id, bool_or(state = 'GRANTED') from (" + CONSENT_IN_FORCE + ") c group by subject_id")
                    .param("subjects", subjects.toArray(UUID[]::new)).param("purpose", purpose.name())
                    .query((rs, n) -> given.put(rs.getObject(1, UUID.class), rs.getBoolean(2))).list();
        }
        return given;
    }

    /** The subjects assigned to this case manager under the purpose (under any agreement for it), not ended. */
    List<UUID> assignedTo(String caseManager, Purpose purpose) {
        return jdbc.sql("select distinct subject_id from case_assignment where case_manager = ? and purpose = ? and ended_at is null")
                .params(caseManager, purpose.name()).query(UUID.class).list();
    }
}
