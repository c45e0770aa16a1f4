package uk.safeguarding.hub.casework;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import uk.safeguarding.hub.access.Purpose;

@Component
class PanelCaseFacts implements CaseFacts {

    private final JdbcClient jdbc;

    PanelCaseFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<OpenedCase> opened(Purpose purpose, Collection<String> boroughs, OffsetDateTime from, OffsetDateTime until) {
        return jdbc.sql("""
                select c.subject_id, c.borough, c.state, c.opened_at, c.closed_at, r.source, r.category,
                    (select a.level from risk_assessment a where a.case_id = c.id order by a.id desc limit 1) as risk
                from panel_case c
                join lateral (select source, category from referral where case_id = c.id order by id limit 1) r on true
                where c.purpose = ? and c.borough = any(?) and c.opened_at >= ? and c.opened_at < ?""")
                .params(purpose.name(), boroughs.toArray(String[]::new), from, until)
                .query((rs, n) -> new OpenedCase(rs.getObject("subject_id", UUID.class), rs.getString("borough"),
                        rs.getString("state"), rs.getObject("opened_at", OffsetDateTime.class),
                        rs.getObject("closed_at", OffsetDateTime.class), rs.getString("source"), rs.getString("category"),
                        rs.getString("risk")))
                .list();
    }
}
