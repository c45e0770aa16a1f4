package uk.safeguarding.hub.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.audit.AuditTrail;
import uk.safeguarding.hub.audit.AuditTrail.AccessAnomaly;
import uk.safeguarding.hub.audit.AuditTrail.AccessRecord;
import uk.safeguarding.hub.audit.AuditTrail.AuditedEntry;
import uk.safeguarding.hub.audit.AuditTrail.Auditor;
import uk.safeguarding.hub.audit.AuditTrail.EntryPage;
import uk.safeguarding.hub.audit.AuditTrail.Verification;
import uk.safeguarding.hub.security.Callers;

/** The auditors' queries: the realm role {@code auditor} only; a refusal is itself audited. */
@Controller
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** The GraphQL {@code AuditFilter} input. */
    record AuditFilterInput(String actor, String agency, String subjectId, String purpose, String operation,
            OffsetDateTime from, OffsetDateTime to) {
    }

    @QueryMapping
    Verification verifyAuditLog(@Argument OffsetDateTime from, @Argument OffsetDateTime to,
            @AuthenticationPrincipal Jwt token) {
        Auditor auditor = auditor(token, "verifyAuditLog");
        period(from, to);
        return trail.verify(auditor, from, to);
    }

    @QueryMapping
    Window<AuditedEntry> auditEntries(@Argument AuditFilterInput filter, ScrollSubrange subrange,
            @AuthenticationPrincipal Jwt token) {
        Auditor auditor = auditor(token, "auditEntries");
        SubjectController.Page page = SubjectController.Page.of(subrange);
        period(filter.from(), filter.to());
        UUID subject = filter.subjectId() == null ? null : subjectId("filter.subjectId", filter.subjectId());
        EntryPage entries = trail.entries(auditor, new AuditTrail.Filter(blankToNull(filter.actor()),
                blankToNull(filter.agency()), subject, blankToNull(filter.purpose()), blankToNull(filter.operation()),
                filter.from(), filter.to()), page.offset(), page.limit());
        return Window.from(entries.entries(), i -> ScrollPosition.offset(entries.offset() + i), entries.hasNext());
    }

    @QueryMapping
    List<AccessRecord> accessReport(@Argument String subjectId, @AuthenticationPrincipal Jwt token) {
        Auditor auditor = auditor(token, "accessReport");
        return trail.accessReport(auditor, subjectId("subjectId", subjectId));
    }

    @QueryMapping
    List<AccessAnomaly> accessAnomalies(@Argument OffsetDateTime from, @Argument OffsetDateTime to,
            @AuthenticationPrincipal Jwt token) {
        Auditor auditor = auditor(token, "accessAnomalies");
        period(from, to);
        return trail.anomalies(auditor, from, to);
    }

    /** The caller, if an auditor; anyone else is refused, and the refusal is on the record. */
    private Auditor auditor(Jwt token, String operation) {
        Caller caller = Callers.from(token);
        Auditor auditor = new Auditor(caller.userId(), caller.agency(), caller.roles());
        if (!caller.roles().contains(AuditTrail.AUDITOR_ROLE)) {
            String reason = "Your roles " + caller.roles() + " may not query the audit log.";
            trail.refused(auditor, operation, reason);
            throw new DisclosureRefused(reason);
        }
        return auditor;
    }

    private static void period(OffsetDateTime from, OffsetDateTime to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new BadArgument("from: must not be after to");
        }
    }

    private static UUID subjectId(String argument, String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new BadArgument(argument + ": '" + id + "' is not a subject id");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
