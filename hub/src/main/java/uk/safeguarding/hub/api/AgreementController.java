package uk.safeguarding.hub.api;

import java.util.List;
import java.util.UUID;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import uk.safeguarding.hub.access.Agreements;
import uk.safeguarding.hub.access.CaseWork;
import uk.safeguarding.hub.access.ConsentEvidence;
import uk.safeguarding.hub.access.ConsentState;
import uk.safeguarding.hub.access.ExemptionBasis;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.security.Callers;

/** Agreements, consent, exemptions and case assignment. */
@Controller
class AgreementController {

    private final Agreements agreements;
    private final CaseWork caseWork;

    AgreementController(Agreements agreements, CaseWork caseWork) {
        this.agreements = agreements;
        this.caseWork = caseWork;
    }

    @QueryMapping
    List<Agreements.AgreementSummary> agreements() {
        return agreements.list();
    }

    @MutationMapping
    Agreements.LoadResult reloadPolicies(@AuthenticationPrincipal Jwt token) {
        return agreements.reload(Callers.from(token));
    }

    @QueryMapping
    List<CaseWork.Exemption> exemptions(@Argument String status, @AuthenticationPrincipal Jwt token) {
        return caseWork.exemptions(Callers.from(token), status);
    }

    @QueryMapping
    List<CaseWork.ConsentRecord> consents(@Argument String status, @AuthenticationPrincipal Jwt token) {
        return caseWork.consents(Callers.from(token), status);
    }

    @MutationMapping
    CaseWork.ConsentRecord recordConsent(@Argument String subjectId, @Argument String agency, @Argument Purpose purpose,
            @Argument ConsentState state, @Argument ConsentEvidence evidence, @AuthenticationPrincipal Jwt token) {
        return caseWork.recordConsent(Callers.from(token), id(subjectId), agency, purpose, state, evidence);
    }

    @MutationMapping
    CaseWork.ConsentRecord withdrawConsent(@Argument String subjectId, @Argument String agency,
            @Argument Purpose purpose, @Argument ConsentEvidence evidence, @AuthenticationPrincipal Jwt token) {
        return caseWork.recordConsent(Callers.from(token), id(subjectId), agency, purpose, ConsentState.WITHDRAWN, evidence);
    }

    @MutationMapping
    CaseWork.ConsentRecord reviewConsent(@Argument String id, @Argument boolean upheld, @Argument String note,
            @AuthenticationPrincipal Jwt token) {
        return caseWork.reviewConsent(Callers.from(token), number("id", id), upheld, note);
    }

    @MutationMapping
    CaseWork.Exemption claimExemption(@Argument String subjectId, @Argument Purpose purpose,
            @Argument ExemptionBasis basis, @Argument String agreement, @Argument String justification,
            @AuthenticationPrincipal Jwt token) {
        return caseWork.claimExemption(Callers.from(token), id(subjectId), purpose, basis, agreement, justification);
    }

    @MutationMapping
    CaseWork.Exemption reviewExemption(@Argument String id, @Argument boolean upheld, @Argument String note,
            @AuthenticationPrincipal Jwt token) {
        return caseWork.reviewExemption(Callers.from(token), id(id), upheld, note);
    }

    @MutationMapping
    CaseWork.Assignment assignCaseManager(@Argument String subjectId, @Argument Purpose purpose, @Argument String agreement,
            @Argument String caseManager, @AuthenticationPrincipal Jwt token) {
        return caseWork.assignCaseManager(Callers.from(token), id(subjectId), purpose, agreement, caseManager);
    }

    @MutationMapping
    CaseWork.Assignment endAssignment(@Argument String id, @AuthenticationPrincipal Jwt token) {
        return caseWork.endAssignment(Callers.from(token), number("id", id));
    }

    @QueryMapping
    List<CaseWork.Assignment> caseAssignments(@Argument String subjectId, @Argument Purpose purpose,
            @AuthenticationPrincipal Jwt token) {
        return caseWork.assignments(Callers.from(token), id(subjectId), purpose);
    }

    private static long number(String argument, String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new BadArgument(argument + ": '" + id + "' is not an id the hub issued");
        }
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new BadArgument("id: '" + id + "' is not an id the hub issued");
        }
    }
}
