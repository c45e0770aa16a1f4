package uk.safeguarding.hub.casework;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.Act;
import uk.safeguarding.hub.access.Requires;

/**
 * The panel meetings of the caller's boroughs, so that the console lists them from the hub rather than
 * from what one browser tab remembers. A meeting names a borough, a date and its chair: no one it
 * discusses, so reading the list needs no purpose and is not a disclosure.
 */
@Service
public class MeetingCalendar {

    private final JdbcClient jdbc;

    MeetingCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Meetings held on or after {@code from} (all when null), soonest first, in the caller's boroughs. */
    @Requires(Act.SEE_PANEL_MEETINGS)
    public List<Panel.Meeting> meetings(Caller caller, LocalDate from) {
        return jdbc.sql("""
                select id, borough, held_on, chair from panel_meeting
                where borough = any(?::text[]) and (?::date is null or held_on >= ?::date)
                order by held_on, borough""")
                .params(caller.boroughs().toArray(String[]::new), from, from)
                .query((rs, n) -> new Panel.Meeting(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, LocalDate.class), rs.getString(4)))
                .list();
    }
}
