package uk.safeguarding.hub.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.domain.Window;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.data.query.ScrollSubrange;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import uk.safeguarding.hub.access.DisclosedSubject;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.access.Slice;
import uk.safeguarding.hub.casework.Panel;
import uk.safeguarding.hub.casework.Panel.PanelCase;
import uk.safeguarding.hub.casework.ReferralCategories;
import uk.safeguarding.hub.security.Callers;

/** The vulnerable-victims panel's case work; see schema/panel.graphqls. */
@Controller
class PanelController {

    private final Panel panel;
    private final Disclosures disclosures;

    PanelController(Panel panel, Disclosures disclosures) {
        this.panel = panel;
        this.disclosures = disclosures;
    }

    record ReferralInput(String subjectId, Purpose purpose, String referringAgency, Panel.ReferralSource source, String reason,
            String category, List<String> evidenceEventIds, String borough, String agreement) {
    }

    record RiskAssessmentInput(String caseId, Purpose purpose, Panel.RiskLevel level, String rationale, String referBackTo) {
    }

    @QueryMapping
    Window<PanelCase> panelCases(@Argument Purpose purpose, @Argument Panel.CaseState state, ScrollSubrange subrange,
            @AuthenticationPrincipal Jwt token) {
        SubjectController.Page page = SubjectController.Page.of(subrange);
        List<PanelCase> cases = panel.cases(Callers.from(token), purpose, state, page.offset(), page.limit() + 1);
        return page.window(new Slice<>(cases.subList(0, Math.min(page.limit(), cases.size())), page.offset(),
                cases.size() > page.limit()));
    }

    @QueryMapping
    PanelCase panelCase(@Argument String id, @Argument Purpose purpose, @AuthenticationPrincipal Jwt token) {
        return panel.find(Callers.from(token), purpose, AgreementController.id(id)).orElse(null);
    }

    @QueryMapping
    List<Panel.SuggestedReferral> suggestedReferrals(@Argument Purpose purpose, @Argument int first,
            @AuthenticationPrincipal Jwt token) {
        if (first < 1 || first > 50) {
            throw new BadArgument("first: between 1 and 50");
        }
        return panel.suggestReferrals(Callers.from(token), purpose, first);
    }

    @QueryMapping
    Panel.RiskSuggestion suggestRisk(@Argument String caseId, @Argument Purpose purpose, @AuthenticationPrincipal Jwt token) {
        return panel.suggestRisk(Callers.from(token), purpose, AgreementController.id(caseId));
    }

    @QueryMapping
    Panel.CaseProfile caseProfile(@Argument String caseId, @Argument Purpose purpose, @AuthenticationPrincipal Jwt token) {
        return panel.profile(Callers.from(token), purpose, AgreementController.id(caseId)).orElse(null);
    }

    @QueryMapping
    Panel.Agenda panelAgenda(@Argument String meetingId, @Argument Purpose purpose, @AuthenticationPrincipal Jwt token) {
        return panel.agenda(Callers.from(token), purpose, AgreementController.id(meetingId));
    }

    /**
     * Alerts while the caller's token is valid: the stream ends at its expiry (a token with no expiry gets
     * none), so a revoked or expired sign-in does not keep receiving; the console subscribes again with
     * its refreshed token.
     */
    @QueryMapping
    List<ReferralCategories.Category> referralCategories() {
        return ReferralCategories.ALL;
    }

    @SubscriptionMapping
    Flux<Panel.Alert> caseAlerts(@Argument Purpose purpose, @AuthenticationPrincipal Jwt token) {
        Instant expires = token.getExpiresAt();
        Duration left = expires == null ? Duration.ZERO : Duration.between(Instant.now(), expires);
        return panel.alerts(Callers.from(token), purpose).take(left.isNegative() ? Duration.ZERO : left);
    }

    /** The case's subject, disclosed under the purpose the case was read with (null if the caller may not see them). */
    @SchemaMapping(typeName = "PanelCase")
    DisclosedSubject subject(PanelCase c, @AuthenticationPrincipal Jwt token) {
        return disclosures.subject(Callers.from(token), c.purpose(), c.subjectId()).orElse(null);
    }

    @MutationMapping
    PanelCase referCase(@Argument ReferralInput input, @AuthenticationPrincipal Jwt token) {
        List<String> evidence = input.evidenceEventIds() == null ? List.of() : input.evidenceEventIds();
        return panel.refer(Callers.from(token), input.purpose(), new Panel.NewReferral(AgreementController.id(input.subjectId()),
                input.referringAgency(), input.source(), input.reason(), input.category(),
                evidence.stream().map(AgreementController::id).toList(), input.borough(), input.agreement()));
    }

    @MutationMapping
    PanelCase assessRisk(@Argument RiskAssessmentInput input, @AuthenticationPrincipal Jwt token) {
        return panel.assessRisk(Callers.from(token), input.purpose(), AgreementController.id(input.caseId()), input.level(),
                input.rationale(), input.referBackTo());
    }

    @MutationMapping
    Panel.Meeting schedulePanelMeeting(@Argument String borough, @Argument LocalDate heldOn, @AuthenticationPrincipal Jwt token) {
        return panel.scheduleMeeting(Callers.from(token), borough, heldOn);
    }

    @MutationMapping
    PanelCase recordPanelDecision(@Argument String meetingId, @Argument String caseId, @Argument Purpose purpose,
            @Argument String decision, @Argument LocalDate nextReviewOn, @AuthenticationPrincipal Jwt token) {
        return panel.recordDecision(Callers.from(token), purpose, AgreementController.id(meetingId),
                AgreementController.id(caseId), decision, nextReviewOn);
    }

    @MutationMapping
    PanelCase appointCaseManager(@Argument String caseId, @Argument Purpose purpose, @Argument String caseManager,
            @Argument String agreement, @AuthenticationPrincipal Jwt token) {
        return panel.appointCaseManager(Callers.from(token), purpose, AgreementController.id(caseId), caseManager, agreement);
    }

    @MutationMapping
    Panel.Action addCaseAction(@Argument String caseId, @Argument Purpose purpose, @Argument String description,
            @Argument String ownerAgency, @Argument LocalDate dueOn, @AuthenticationPrincipal Jwt token) {
        return panel.addAction(Callers.from(token), purpose, AgreementController.id(caseId), description, ownerAgency, dueOn);
    }

    @MutationMapping
    Panel.Action updateCaseAction(@Argument String id, @Argument Purpose purpose, @Argument Panel.ActionStatus status,
            @Argument String note, @AuthenticationPrincipal Jwt token) {
        return panel.updateAction(Callers.from(token), purpose, AgreementController.id(id), status, note);
    }

    @MutationMapping
    PanelCase resolveCase(@Argument String caseId, @Argument Purpose purpose, @Argument Panel.CaseOutcome outcome,
            @Argument String note, @AuthenticationPrincipal Jwt token) {
        return panel.resolve(Callers.from(token), purpose, AgreementController.id(caseId), outcome, note);
    }
}
