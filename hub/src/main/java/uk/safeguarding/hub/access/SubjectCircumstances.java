package uk.safeguarding.hub.access;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.hub.access.policy.PolicySet.Circumstances;

/** Consent, case assignment and open exemptions for one subject, read fresh for every request. */
@Component
class SubjectCircumstances {

    private final JdbcClient jdbc;

    SubjectCircumstances(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One round trip: the consent in force per agency, the assignment, and the open exemptions. */
    Circumstances of(UUID subject, Caller caller, Purpose purpose, LocalDate today) {
        Map<String, ConsentState> consent = new HashMap<>();
        Set<ExemptionBasis> exemptions = EnumSet.noneOf(ExemptionBasis.class);
        boolean[] assigned = {false};
        jdbc.sql("""
                select 'consent' as kind, c.agency as name, c.state as value from (
                    select distinct on (agency) agency, state from consent
                    where subject_id = :subject and purpose = :purpose order by agency, id desc) c
                union all
                select 'assigned', null, null where exists (
                    select 1 from case_assignment where subject_id = :subject and case_manager = :user and ended_at is null)
                union all
                select 'exemption', basis, null from exemption
                where subject_id = :subject and claimed_by = :user and purpose = :purpose
                  and expires_at > now() and review_status <> 'NOT_UPHELD'""")
                .param("subject", subject).param("purpose", purpose.name()).param("user", caller.userId())
                .query((rs, n) -> {
                    switch (rs.getString("kind")) {
                        case "consent" -> consent.put(rs.getString("name"), ConsentState.valueOf(rs.getString("value")));
                        case "assigned" -> assigned[0] = true;
                        default -> exemptions.add(ExemptionBasis.valueOf(rs.getString("name")));
                    }
                    return null;
                }).list();
        return new Circumstances(today, consent, assigned[0], exemptions);
    }

    List<UUID> assignedTo(String caseManager) {
        return jdbc.sql("select subject_id from case_assignment where case_manager = ? and ended_at is null")
                .param(caseManager).query(UUID.class).list();
    }
}
