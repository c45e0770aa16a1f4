package uk.safeguarding.hub.api;

import java.util.List;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import uk.safeguarding.hub.access.DisclosedRecord;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.review.IdentityReview;
import uk.safeguarding.hub.review.IdentityReview.Decision;
import uk.safeguarding.hub.review.IdentityReview.LinkReview;
import uk.safeguarding.hub.security.Callers;

/** Identity resolution for analysts; see schema/identity.graphqls. */
@Controller
class IdentityController {

    private final IdentityReview review;

    IdentityController(IdentityReview review) {
        this.review = review;
    }

    /** Keyset paging: a cursor carries the last review's id (in Spring's offset cursor), the next page starts after it. */
    @QueryMapping
    Window<LinkReview> linkReviews(@Argument Purpose purpose, @Argument Boolean blind, ScrollSubrange subrange,
            @AuthenticationPrincipal Jwt token) {
        SubjectController.Page page = SubjectController.Page.of(subrange);
        IdentityReview.Page found = review.pending(Callers.from(token), purpose, page.offset() - 1, page.limit(),
                Boolean.TRUE.equals(blind));
        List<LinkReview> reviews = found.reviews();
        return Window.from(reviews, i -> ScrollPosition.offset(reviews.get(i).id()), found.hasNext());
    }

    @QueryMapping
    List<DisclosedRecord> subjectRecords(@Argument String subjectId, @Argument Purpose purpose,
            @AuthenticationPrincipal Jwt token) {
        return review.records(Callers.from(token), purpose, AgreementController.id(subjectId));
    }

    @QueryMapping
    List<Decision> identityHistory(@Argument String subjectId, @Argument Purpose purpose, @AuthenticationPrincipal Jwt token) {
        return review.history(Callers.from(token), purpose, AgreementController.id(subjectId));
    }

    @MutationMapping
    Decision confirmLink(@Argument String id, @Argument Purpose purpose, @Argument String reason,
            @AuthenticationPrincipal Jwt token) {
        return review.confirm(Callers.from(token), purpose, number("id", id), reason);
    }

    @MutationMapping
    Decision rejectLink(@Argument String id, @Argument Purpose purpose, @Argument String reason,
            @AuthenticationPrincipal Jwt token) {
        return review.reject(Callers.from(token), purpose, number("id", id), reason);
    }

    @MutationMapping
    Decision splitSubject(@Argument String subjectId, @Argument List<String> recordIds, @Argument Purpose purpose,
            @Argument String reason, @AuthenticationPrincipal Jwt token) {
        return review.split(Callers.from(token), purpose, AgreementController.id(subjectId),
                recordIds.stream().map(r -> number("recordIds", r)).toList(), reason);
    }

    @MutationMapping
    IdentityReview.MatchModelInfo trainMatchModel(@AuthenticationPrincipal Jwt token) {
        return review.train(Callers.from(token));
    }

    private static long number(String argument, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadArgument(argument + ": '" + id + "' is not an id the hub issued");
        }
    }
}
