package uk.safeguarding.hub.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import uk.safeguarding.hub.access.DisclosedEvent;
import uk.safeguarding.hub.access.DisclosedSubject;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.access.Slice;
import uk.safeguarding.hub.identity.Identities.SubjectQuery;
import uk.safeguarding.hub.security.Callers;

/** Subject search, a subject, and a subject's cross-agency timeline. */
@Controller
class SubjectController {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    private final Disclosures disclosures;

    SubjectController(Disclosures disclosures) {
        this.disclosures = disclosures;
    }

    @QueryMapping
    Window<DisclosedSubject> searchSubjects(@Argument Purpose purpose, @Argument String name,
            @Argument LocalDate dateOfBirth, @Argument String nhsNumber, @Argument String postcode,
            ScrollSubrange subrange, @AuthenticationPrincipal Jwt token) {
        Page page = Page.of(subrange);
        SubjectQuery query = new SubjectQuery(blankToNull(name), dateOfBirth, blankToNull(nhsNumber), blankToNull(postcode));
        return page.window(disclosures.searchSubjects(Callers.from(token), purpose, query, page.offset(), page.limit()));
    }

    @QueryMapping
    DisclosedSubject subject(@Argument String id, @Argument Purpose purpose, @AuthenticationPrincipal Jwt token) {
        return disclosures.subject(Callers.from(token), purpose, AgreementController.id(id)).orElse(null);
    }

    @SchemaMapping(typeName = "Subject")
    Window<DisclosedEvent> timeline(DisclosedSubject subject, @Argument List<String> agencies, ScrollSubrange subrange,
            @AuthenticationPrincipal Jwt token) {
        Page page = Page.of(subrange);
        Set<String> only = agencies == null ? Set.of() : Set.copyOf(agencies);
        return page.window(disclosures.timeline(Callers.from(token), subject.purpose(), subject.id(), only,
                page.offset(), page.limit()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Forward offset paging over Relay cursors; backward paging is not offered. */
    record Page(long offset, int limit) {

        static Page of(ScrollSubrange subrange) {
            if (!subrange.forward()) {
                throw new BadArgument("last/before: this connection pages forward only; use first/after");
            }
            int count = subrange.count().orElse(DEFAULT_PAGE);
            if (count < 0 || count > MAX_PAGE) {
                throw new BadArgument("first: must be between 0 and " + MAX_PAGE);
            }
            long offset = subrange.position()
                    .map(p -> p instanceof OffsetScrollPosition o ? (o.isInitial() ? 0 : o.getOffset() + 1) : -1L)
                    .orElse(0L);
            if (offset < 0) {
                throw new BadArgument("after: not a cursor of this connection");
            }
            return new Page(offset, count);
        }

        <T> Window<T> window(Slice<T> slice) {
            return Window.from(slice.items(), i -> ScrollPosition.offset(slice.offset() + i), slice.hasNext());
        }
    }
}
