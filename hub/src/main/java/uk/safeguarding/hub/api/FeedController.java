package uk.safeguarding.hub.api;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.access.Act;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.access.InvalidInput;
import uk.safeguarding.hub.audit.AuditLog;
import uk.safeguarding.hub.ingest.Feeds;
import uk.safeguarding.hub.ingest.Feeds.FeedStatus;
import uk.safeguarding.hub.ingest.Quarantine;
import uk.safeguarding.hub.security.Callers;

/**
 * Partner agencies' view of their own feeds: status, runs, data quality and quarantined records, and
 * replay after correction. An agency contributor sees only their own agency's feeds; a hub
 * administrator sees every feed's status and rejection reasons, but not the personal data inside a
 * quarantined record. Quarantined records are raw partner data: reading and replaying them is audited.
 */
@Controller
class FeedController {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 200;
    static final String RAW_WITHHELD = "A hub administrator sees why records were rejected, not the personal data in them; "
            + "the providing agency's contributors see the record.";

    private final Feeds feeds;
    private final Quarantine quarantine;
    private final AuditLog audit;

    FeedController(Feeds feeds, Quarantine quarantine, AuditLog audit) {
        this.feeds = feeds;
        this.quarantine = quarantine;
        this.audit = audit;
    }

    /** A quarantined record as the caller may see it. */
    record QuarantinedView(long id, String feed, String agency, String sourceId, String raw, String rawWithheld,
            List<String> reasons, OffsetDateTime receivedAt, OffsetDateTime resolvedAt,
            String resolution, String rawEncoding) {
    }

    @QueryMapping
    List<FeedStatus> feeds(@AuthenticationPrincipal Jwt token) {
        return feeds.feeds(scope(Callers.from(token)));
    }

    @SchemaMapping(typeName = "Feed")
    List<Feeds.FeedRun> runs(FeedStatus feed, @Argument Integer first) {
        int count = first == null ? 10 : first;
        if (count < 0 || count > MAX_PAGE) {
            throw new BadArgument("first: must be between 0 and " + MAX_PAGE);
        }
        return feeds.runs(feed.id(), count);
    }

    @BatchMapping(typeName = "Feed")
    Map<FeedStatus, Feeds.DataQuality> quality(List<FeedStatus> list) {
        Map<String, Feeds.DataQuality> byFeed = feeds.quality(list.stream().map(FeedStatus::id).toList());
        return list.stream().collect(Collectors.toMap(Function.identity(), f -> byFeed.get(f.id())));
    }

    @QueryMapping
    @Transactional
    Window<QuarantinedView> quarantinedRecords(@Argument String feed, @Argument Boolean includeResolved,
            ScrollSubrange subrange, @AuthenticationPrincipal Jwt token) {
        Caller caller = Callers.from(token);
        String scope = scope(caller);
        if (feeds.feeds(scope).stream().noneMatch(f -> f.id().equals(feed))) {
            throw new InvalidInput("feed: no feed of yours is called '" + feed + "'; the feeds query lists them");
        }
        if (!subrange.forward()) {
            throw new BadArgument("last/before: this connection pages forward only; use first/after");
        }
        int count = subrange.count().orElse(DEFAULT_PAGE);
        if (count < 0 || count > MAX_PAGE) {
            throw new BadArgument("first: must be between 0 and " + MAX_PAGE);
        }
        Long before = subrange.position().map(FeedController::idOf).orElse(null);
        List<Quarantine.QuarantinedRecord> page = quarantine.records(scope, feed, Boolean.TRUE.equals(includeResolved),
                before, count + 1);
        boolean administrator = scope == null;
        List<QuarantinedView> views = page.stream().limit(count).map(r -> new QuarantinedView(r.id(), r.feed(), r.agency(),
                r.sourceId(), administrator ? null : r.raw(), administrator ? RAW_WITHHELD : null, r.reasons(),
                r.receivedAt(), r.resolvedAt(), r.resolution(), r.received() == null ? null : r.received().encoding())).toList();
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "quarantinedRecords",
                List.of(), Map.of("feed", feed, "records", views.stream().map(QuarantinedView::id).toList(),
                        "rawDisclosed", !administrator)));
        return Window.from(views, i -> ScrollPosition.forward(Map.of("id", views.get(i).id())), page.size() > count);
    }

    private static Long idOf(ScrollPosition position) {
        if (position instanceof KeysetScrollPosition keyset && keyset.getKeys().get("id") instanceof Number id) {
            return id.longValue();
        }
        if (position.isInitial()) {
            return null;
        }
        throw new BadArgument("after: not a cursor of this connection");
    }

    @MutationMapping
    @Transactional
    Quarantine.ReplayResult replayQuarantined(@Argument String id, @Argument String correctedPayload,
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
        if (scope == null && correctedPayload != null) {
            throw new DisclosureRefused("A hub administrator may replay a record as it was (after a connector fix), "
                    + "not correct it: corrections come from the providing agency.");
        }
        Quarantine.ReplayResult result;
        try {
            result = quarantine.replay(recordId, correctedPayload);
        } catch (IllegalStateException e) {
            throw new InvalidInput(e.getMessage());
        }
        audit.append(new AuditLog.Entry(caller.userId(), caller.agency(), caller.roles(), null, "replayQuarantined",
                List.of(), Map.of("record", recordId, "corrected", correctedPayload != null, "outcome", result.outcome())));
        return result;
    }

    /** The agency whose feeds the caller may see: their own, or every one (null) for an administrator. */
    private static String scope(Caller caller) {
        if (Act.SEE_EVERY_FEED.allows(caller)) {
            return null;
        }
        if (Act.SEE_OWN_AGENCY_FEEDS.allows(caller) && caller.agency() != null) {
            return caller.agency();
        }
        throw new DisclosureRefused("Only agency contributors (for their own agency) and hub administrators see feeds.");
    }
}
