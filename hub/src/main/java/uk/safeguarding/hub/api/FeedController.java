package uk.safeguarding.hub.api;

import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.access.InvalidInput;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.ingest.Quarantine;
import uk.safeguarding.hub.security.Callers;

/**
 * Partner agencies' view of their own feeds: runs, counts and quarantined records, and replay after
 * correction. An agency contributor sees only their own agency's feeds; a hub administrator sees all.
 * Quarantined records are the agency's own raw data: reading and replaying them is audited.
 */
@Controller
class FeedController {

    private static final int LIMIT = 200;

    private final Quarantine quarantine;
    private final AuditLog audit;

    FeedController(Quarantine quarantine, AuditLog audit) {
        this.quarantine = quarantine;
        this.audit = audit;
    }

    @QueryMapping
    List<Quarantine.FeedRun> feedRuns(@Argument String feed, @AuthenticationPrincipal Jwt token) {
        return quarantine.runs(scope(Callers.from(token)), feed, LIMIT);
    }

    @QueryMapping
    @Transactional
    List<Quarantine.QuarantinedRecord> quarantinedRecords(@Argument String feed, @Argument Boolean includeResolved,
            @AuthenticationPrincipal Jwt token) {
        Caller caller = Callers.from(token);
        List<Quarantine.QuarantinedRecord> records = quarantine.records(scope(caller), feed,
                Boolean.TRUE.equals(includeResolved), LIMIT);
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "quarantinedRecords",
                List.of(), Map.of("records", records.stream().map(Quarantine.QuarantinedRecord::id).toList())));
        return records;
    }

    @MutationMapping
    @Transactional
    Quarantine.ReplayResult replayQuarantined(@Argument String id, @Argument String correctedRaw,
            @AuthenticationPrincipal Jwt token) {
        Caller caller = Callers.from(token);
        long recordId;
        try {
            recordId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadArgument("id: '" + id + "' is not a quarantined record id");
        }
        String scope = scope(caller);
        String owner = quarantine.agencyOf(recordId);
        if (owner == null || (scope != null && !scope.equals(owner))) {
            // another agency's record is answered as a missing one: its existence is not ours to reveal
            throw new InvalidInput("id: no quarantined record of yours has this id");
        }
        Quarantine.ReplayResult result;
        try {
            result = quarantine.replay(recordId, correctedRaw);
        } catch (IllegalStateException e) {
            throw new InvalidInput(e.getMessage());
        }
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "replayQuarantined",
                List.of(), Map.of("record", recordId, "outcome", result.outcome())));
        return result;
    }

    /** The agency whose feeds the caller may see: their own, or every one (null) for an administrator. */
    private static String scope(Caller caller) {
        if (caller.roles().contains("hub-admin")) {
            return null;
        }
        if (caller.roles().contains("agency-contributor") && caller.agency() != null) {
            return caller.agency();
        }
        throw new DisclosureRefused("Only agency contributors (for their own agency) and hub administrators see feeds.");
    }
}
