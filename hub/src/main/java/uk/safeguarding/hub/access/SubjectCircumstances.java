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

    Circumstances of(UUID subject, Caller caller, Purpose purpose, LocalDate today) {
        Map<String, ConsentState> consent = new HashMap<>();
        jdbc.sql("""
                select distinct on (agency) agency, state from consent
                where subject_id = ? and purpose = ? order by agency, id desc""")
                .params(subject, purpose.name())
                .query((rs, n) -> consent.put(rs.getString(1), ConsentState.valueOf(rs.getString(2)))).list();
        boolean assigned = jdbc.sql("""
                select exists (select 1 from case_assignment where subject_id = ? and case_manager = ? and ended_at is null)""")
                .params(subject, caller.userId()).query(Boolean.class).single();
        Set<ExemptionBasis> exemptions = EnumSet.noneOf(ExemptionBasis.class);
        jdbc.sql("""
                select basis from exemption where subject_id = ? and claimed_by = ? and purpose = ?
                  and expires_at > now() and review_status <> 'NOT_UPHELD'""")
                .params(subject, caller.userId(), purpose.name())
                .query((rs, n) -> exemptions.add(ExemptionBasis.valueOf(rs.getString(1)))).list();
        return new Circumstances(today, consent, assigned, exemptions);
    }

    List<UUID> assignedTo(String caseManager) {
        return jdbc.sql("select subject_id from case_assignment where case_manager = ? and ended_at is null")
                .param(caseManager).query(UUID.class).list();
    }
}
