package uk.safeguarding.hub.access.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.ConsentState;
import uk.safeguarding.hub.access.ExemptionBasis;
import uk.safeguarding.hub.access.Purpose;

/**
 * The shipped agreements, decided field by field: each agreement x role x purpose x consent state that
 * matters, with the reason and clause expected. A change to a policy document that changes what is
 * shared must change this table too.
 */
class PolicyDecisionTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Map<String, Caller> CALLERS = Map.of(
            "analyst", new Caller("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"), Set.of("E09000022")),
            "chair", new Caller("lambeth.chair", "lambeth-csp", Set.of("panel-chair"), Set.of("E09000022")),
            "casemanager", new Caller("triborough.casemanager", "rbkc-csc", Set.of("case-manager"),
                    Set.of("E09000020", "E09000013", "E09000033")),
            "housing-casemanager", new Caller("housing.officer", "lambeth-housing", Set.of("case-manager"), Set.of("E09000022")),
            "outside-casemanager", new Caller("far.away", "rbkc-csc", Set.of("case-manager"), Set.of("E09000001")),
            "lfb", new Caller("lfb.contributor", "lfb", Set.of("agency-contributor"), Set.of("E09000022")),
            "auditor", new Caller("hub.auditor", "lambeth-ig", Set.of("auditor"), Set.of("E09000022")),
            "commissioner", new Caller("commissioner", "lambeth-commissioning", Set.of("panel-analyst"), Set.of()));

    static PolicySet policy;

    @BeforeAll
    static void load() throws IOException {
        policy = PolicyLoaderTest.shipped();
    }

    /** With {@code exemptions} claimed under every shipped agreement (a claim opens only its own agreement's clauses). */
    private static PolicySet.Circumstances facts(ConsentState consent, String provider, boolean assigned,
            Set<ExemptionBasis> exemptions, LocalDate day) {
        // assigned: under every shipped agreement (an assignment opens only its own agreement's clauses)
        Set<String> under = assigned ? policy.agreements().stream().map(PolicySet.LoadedAgreement::id)
                .collect(java.util.stream.Collectors.toSet()) : Set.of();
        return new PolicySet.Circumstances(day, Map.of(provider, consent), under, policy.agreements().stream()
                .collect(java.util.stream.Collectors.toMap(PolicySet.LoadedAgreement::id, a -> exemptions)));
    }

    @Test
    void anExemptionOpensOnlyTheClausesOfTheAgreementItWasClaimedUnder() {
        Caller analyst = CALLERS.get("analyst");
        var underMarac = new PolicySet.Circumstances(TODAY, Map.of("slam", ConsentState.REFUSED), Set.of(),
                Map.of("lambeth-marac", EnumSet.allOf(ExemptionBasis.class)));
        var underPanel = new PolicySet.Circumstances(TODAY, Map.of("slam", ConsentState.REFUSED), Set.of(),
                Map.of("lambeth-vvasb-panel", EnumSet.of(ExemptionBasis.SAFEGUARDING)));

        assertThat(policy.decide(analyst, Purpose.VVASB_PANEL, "event.summary", "slam", "SPECIAL_CATEGORY", underMarac)
                .withheld().reason().name()).isEqualTo("CONSENT_REFUSED");
        var opened = policy.decide(analyst, Purpose.VVASB_PANEL, "event.summary", "slam", "SPECIAL_CATEGORY", underPanel);
        assertThat(opened.released()).isTrue();
        assertThat(opened.clause()).isEqualTo("5.11");
        assertThat(policy.exemptionAgreements(analyst, Purpose.VVASB_PANEL, ExemptionBasis.SAFEGUARDING, TODAY))
                .extracting(PolicySet.LoadedAgreement::id).containsExactly("lambeth-vvasb-panel");
        assertThat(policy.exemptionAgreements(analyst, Purpose.VVASB_PANEL, ExemptionBasis.CRIME_PREVENTION, TODAY)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} {2}.{3} ({4}, consent {5}, assigned {6}, exemption {7}) -> {8} {9}")
    @CsvSource(nullValues = "-", textBlock = """
        # caller,   purpose,      provider,        field,              sensitivity,      consent,   assigned, exemption,       expect,                      clause
        analyst,    VVASB_PANEL,  met-police,      event.summary,      CRIMINAL_OFFENCE, NOT_ASKED, false,    -,               RELEASED,                    5.1
        analyst,    VVASB_PANEL,  met-police,      subject.givenName,  ORDINARY,         NOT_ASKED, false,    -,               RELEASED,                    5.1
        chair,      VVASB_PANEL,  lambeth-housing, event.summary,      ORDINARY,         REFUSED,   false,    -,               RELEASED,                    5.4
        analyst,    VVASB_PANEL,  slam,            event.kind,         SPECIAL_CATEGORY, REFUSED,   false,    -,               RELEASED,                    5.10
        analyst,    VVASB_PANEL,  slam,            subject.nhsNumber,  ORDINARY,         NOT_ASKED, false,    -,               RELEASED,                    5.10
        analyst,    VVASB_PANEL,  slam,            subject.postcode,   ORDINARY,         GRANTED,   false,    -,               NO_AGREEMENT,                -
        analyst,    VVASB_PANEL,  slam,            event.summary,      SPECIAL_CATEGORY, NOT_ASKED, false,    -,               CONSENT_NOT_ASKED,           5.11
        analyst,    VVASB_PANEL,  slam,            event.summary,      SPECIAL_CATEGORY, GRANTED,   false,    -,               RELEASED,                    5.11
        analyst,    VVASB_PANEL,  slam,            event.summary,      SPECIAL_CATEGORY, REFUSED,   false,    -,               CONSENT_REFUSED,             5.11
        analyst,    VVASB_PANEL,  slam,            event.summary,      SPECIAL_CATEGORY, WITHDRAWN, false,    -,               CONSENT_WITHDRAWN,           5.11
        analyst,    VVASB_PANEL,  slam,            event.summary,      SPECIAL_CATEGORY, REFUSED,   false,    SAFEGUARDING,    RELEASED,                    5.11
        analyst,    VVASB_PANEL,  slam,            event.summary,      SPECIAL_CATEGORY, REFUSED,   false,    VITAL_INTERESTS, RELEASED,                    5.11
        analyst,    VVASB_PANEL,  slam,            event.summary,      SPECIAL_CATEGORY, REFUSED,   false,    CRIME_PREVENTION, CONSENT_REFUSED,            5.11
        analyst,    VVASB_PANEL,  lambeth-asc,     event.summary,      SPECIAL_CATEGORY, NOT_ASKED, false,    -,               CONSENT_NOT_ASKED,           5.7
        analyst,    VVASB_PANEL,  lambeth-asc,     event.occurredAt,   SPECIAL_CATEGORY, NOT_ASKED, false,    -,               RELEASED,                    5.6
        analyst,    VVASB_PANEL,  tfl,             event.category,     SPECIAL_CATEGORY, NOT_ASKED, false,    -,               RELEASED,                    5.13
        analyst,    VVASB_PANEL,  tfl,             event.summary,      SPECIAL_CATEGORY, NOT_ASKED, false,    -,               CONSENT_NOT_ASKED,           5.14
        analyst,    VVASB_PANEL,  rbkc-csc,        event.kind,         ORDINARY,         GRANTED,   false,    -,               NO_AGREEMENT,                -
        housing-casemanager, VVASB_PANEL, met-police, event.summary,  CRIMINAL_OFFENCE, NOT_ASKED, false,    -,               RELATIONSHIP,                5.3
        housing-casemanager, VVASB_PANEL, met-police, event.summary,  CRIMINAL_OFFENCE, NOT_ASKED, true,     -,               RELEASED,                    5.3
        housing-casemanager, VVASB_PANEL, slam,       event.kind,     ORDINARY,         GRANTED,   true,     -,               ROLE,                        5.10
        housing-casemanager, VVASB_PANEL, lfb,        event.summary,  ORDINARY,         NOT_ASKED, true,     -,               RELEASED,                    5.15
        housing-casemanager, VVASB_PANEL, lfb,        event.summary,  ORDINARY,         NOT_ASKED, false,    -,               RELATIONSHIP,                5.15
        analyst,    MARAC,        slam,            event.summary,      SPECIAL_CATEGORY, REFUSED,   false,    -,               RELEASED,                    3.5
        analyst,    MARAC,        lfb,             event.kind,         ORDINARY,         GRANTED,   false,    -,               NO_AGREEMENT,                -
        casemanager, YOUTH_JUSTICE, rbkc-csc,      event.summary,      SPECIAL_CATEGORY, NOT_ASKED, false,    -,               RELATIONSHIP,                7.1
        casemanager, YOUTH_JUSTICE, rbkc-csc,      event.summary,      SPECIAL_CATEGORY, NOT_ASKED, true,     -,               RELEASED,                    7.1
        casemanager, YOUTH_JUSTICE, wcc-csc,       subject.givenName,  ORDINARY,         NOT_ASKED, true,     -,               RELEASED,                    7.3
        casemanager, YOUTH_JUSTICE, met-police,    event.summary,      CRIMINAL_OFFENCE, NOT_ASKED, true,     -,               RELEASED,                    7.4
        casemanager, YOUTH_JUSTICE, lambeth-housing, event.kind,       ORDINARY,         GRANTED,   true,     -,               NO_AGREEMENT,                -
        outside-casemanager, YOUTH_JUSTICE, rbkc-csc, event.kind,     ORDINARY,         GRANTED,   true,     -,               NO_AGREEMENT,                -
        analyst,    YOUTH_JUSTICE, rbkc-csc,       event.kind,         ORDINARY,         GRANTED,   true,     -,               NO_AGREEMENT,                -
        commissioner, STATISTICS, met-police,      event.kind,         ORDINARY,         GRANTED,   true,     -,               NO_AGREEMENT,                -
        # case work: free text of the keeping agency, special category whatever the caller passes
        analyst,    VVASB_PANEL,  lambeth-csp,     case.reason,        -,                NOT_ASKED, false,    -,               RELEASED,                    6.1
        chair,      MARAC,        lambeth-csp,     case.decision,      -,                NOT_ASKED, false,    -,               RELEASED,                    3.6
        housing-casemanager, VVASB_PANEL, lambeth-csp, case.note,      -,                NOT_ASKED, false,    -,               RELATIONSHIP,                6.2
        housing-casemanager, VVASB_PANEL, lambeth-csp, case.note,      -,                NOT_ASKED, true,     -,               RELEASED,                    6.2
        analyst,    VVASB_PANEL,  lambeth-housing, case.reason,        -,                NOT_ASKED, false,    -,               NO_AGREEMENT,                -
        casemanager, YOUTH_JUSTICE, rbkc-csc,      case.rationale,     -,                NOT_ASKED, true,     -,               RELEASED,                    7.9
        casemanager, YOUTH_JUSTICE, lbhf-csc,      case.rationale,     -,                NOT_ASKED, false,    -,               RELATIONSHIP,                7.11
        """)
    void decidesEachFieldWithItsReason(String caller, Purpose purpose, String provider, String field, String sensitivity,
            ConsentState consent, boolean assigned, ExemptionBasis exemption, String expect, String clause) {
        Set<ExemptionBasis> exemptions = exemption == null ? Set.of() : EnumSet.of(exemption);
        PolicySet.Decision d = policy.decide(CALLERS.get(caller), purpose, field, provider, sensitivity,
                facts(consent, provider, assigned, exemptions, TODAY));

        if (expect.equals("RELEASED")) {
            assertThat(d.released()).as("released").isTrue();
            assertThat(d.withheld()).isNull();
        } else {
            assertThat(d.released()).as("released").isFalse();
            assertThat(d.withheld().reason().name()).isEqualTo(expect);
            assertThat(d.withheld().field()).isEqualTo(field.substring(field.indexOf('.') + 1));
            assertThat(d.withheld().explanation()).isNotBlank();
        }
        assertThat(d.clause()).isEqualTo(clause);
    }

    @Test
    void caseWorkIsDecidedUnderTheCasesOwnAgreementOnly() {
        Caller analyst = CALLERS.get("analyst");
        var facts = facts(ConsentState.NOT_ASKED, "lambeth-csp", false, Set.of(), TODAY);
        assertThat(policy.decideCase("lambeth-vvasb-panel", analyst, Purpose.VVASB_PANEL, "case.reason", "lambeth-csp", facts)
                .clause()).isEqualTo("6.1");
        // MARAC's clause 3.6 shares the same keeper's case work with the same analyst, for MARAC: not a VVASB case's
        var elsewhere = policy.decideCase("lambeth-marac", analyst, Purpose.VVASB_PANEL, "case.reason", "lambeth-csp", facts);
        assertThat(elsewhere.released()).isFalse();
        assertThat(elsewhere.withheld().reason().name()).isEqualTo("NO_AGREEMENT");
        // the cases an analyst may open belong to the panel's agreement; a housing case manager keeps no case work
        // any agreement shares, so opens none
        assertThat(policy.caseAgreements(analyst, Purpose.VVASB_PANEL, TODAY)).extracting(PolicySet.LoadedAgreement::id)
                .containsExactly("lambeth-vvasb-panel");
        assertThat(policy.caseAgreements(CALLERS.get("housing-casemanager"), Purpose.VVASB_PANEL, TODAY)).isEmpty();
        assertThat(policy.receivesUnder("lambeth-vvasb-panel", CALLERS.get("casemanager"), Purpose.VVASB_PANEL, TODAY)).isFalse();
    }

    @ParameterizedTest(name = "{0} under {1}: {2}")
    @CsvSource(textBlock = """
        analyst,             VVASB_PANEL,   -
        chair,               MARAC,         -
        casemanager,         YOUTH_JUSTICE, -
        housing-casemanager, VVASB_PANEL,   -
        casemanager,         VVASB_PANEL,   No agreement shares personal data for VVASB_PANEL
        analyst,             YOUTH_JUSTICE, No agreement shares personal data for YOUTH_JUSTICE
        analyst,             MASH_TRIAGE,   No agreement shares personal data for MASH_TRIAGE
        outside-casemanager, YOUTH_JUSTICE, No agreement shares personal data for YOUTH_JUSTICE
        commissioner,        STATISTICS,    No agreement shares personal data for STATISTICS
        lfb,                 VVASB_PANEL,   do not read personal data
        auditor,             VVASB_PANEL,   do not read personal data
        """)
    void refusesOutrightWhoMayReadNothingForThePurpose(String caller, Purpose purpose, String refusal) {
        var result = policy.refusal(CALLERS.get(caller), purpose, TODAY);
        if (refusal.equals("-")) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).hasValueSatisfying(r -> assertThat(r).contains(refusal));
        }
    }

    @Test
    void anAgreementOutOfForceSharesNothingAndSaysWhy() {
        Caller analyst = CALLERS.get("analyst");
        var overdue = policy.decide(analyst, Purpose.MARAC, "event.summary", "met-police", "CRIMINAL_OFFENCE",
                facts(ConsentState.GRANTED, "met-police", true, Set.of(), LocalDate.of(2027, 2, 1)));
        var expired = policy.decide(analyst, Purpose.MARAC, "event.summary", "met-police", "CRIMINAL_OFFENCE",
                facts(ConsentState.GRANTED, "met-police", true, Set.of(), LocalDate.of(2028, 2, 1)));
        var early = policy.decide(analyst, Purpose.VVASB_PANEL, "event.summary", "met-police", "CRIMINAL_OFFENCE",
                facts(ConsentState.GRANTED, "met-police", true, Set.of(), LocalDate.of(2026, 1, 1)));

        assertThat(overdue.withheld().reason().name()).isEqualTo("AGREEMENT_REVIEW_OVERDUE");
        assertThat(overdue.withheld().explanation()).contains("2026-12-31");
        assertThat(expired.withheld().reason().name()).isEqualTo("AGREEMENT_EXPIRED");
        assertThat(early.withheld().reason().name()).isEqualTo("AGREEMENT_NOT_YET_EFFECTIVE");
        assertThat(policy.refusal(analyst, Purpose.MARAC, LocalDate.of(2027, 2, 1)))
                .hasValueSatisfying(r -> assertThat(r).contains("lambeth-marac is review overdue"));
    }

    @Test
    void denyByDefaultForEveryFieldNoClauseNames() {
        Caller analyst = CALLERS.get("analyst");
        for (String provider : List.of("met-police", "slam", "lfb", "tfl", "lambeth-asc", "unknown-agency")) {
            for (String field : List.of("event.shoeSize", "subject.religion", "case.notes")) {
                var d = policy.decide(analyst, Purpose.VVASB_PANEL, field, provider, "ORDINARY",
                        facts(ConsentState.GRANTED, provider, true, EnumSet.allOf(ExemptionBasis.class), TODAY));
                assertThat(d.released()).as(provider + " " + field).isFalse();
                assertThat(d.withheld().reason().name()).isEqualTo("NO_AGREEMENT");
            }
        }
    }
}
