package uk.safeguarding.hub.api;

import java.time.LocalDate;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import uk.safeguarding.hub.access.Agreements;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.casework.MeetingCalendar;
import uk.safeguarding.hub.casework.Panel;
import uk.safeguarding.hub.security.Callers;

/** What a client needs to offer its user the right choices: their purposes, their panel's meetings. */
@Controller
class ConsoleQueriesController {

    private final Agreements agreements;
    private final MeetingCalendar meetings;

    ConsoleQueriesController(Agreements agreements, MeetingCalendar meetings) {
        this.agreements = agreements;
        this.meetings = meetings;
    }

    @QueryMapping
    List<Purpose> myPurposes(@AuthenticationPrincipal Jwt token) {
        return agreements.purposesFor(Callers.from(token));
    }

    @QueryMapping
    List<Panel.Meeting> panelMeetings(@Argument LocalDate from, @AuthenticationPrincipal Jwt token) {
        return meetings.meetings(Callers.from(token), from);
    }
}
