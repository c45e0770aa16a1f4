package uk.safeguarding.hub.access.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.ConsentState;
import uk.safeguarding.hub.access.Purpose;

/** The shipped policies load; a broken document is refused with its file, line and rule. */
class PolicyLoaderTest {

    static final Path SHIPPED = Path.of("../policies").toAbsolutePath().normalize();

    static PolicyLoader loader() {
        return new PolicyLoader(new PathMatchingResourcePatternResolver(),
                Validation.buildDefaultValidatorFactory().getValidator());
    }

    static PolicySet shipped() throws IOException {
        return loader().load("file:" + SHIPPED);
    }

    @TempDir
    Path dir;

    private Path copyOfShipped() throws IOException {
        try (Stream<Path> files = Files.walk(SHIPPED)) {
            for (Path from : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = dir.resolve(SHIPPED.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        return dir;
    }

    private void edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path);
        assertThat(text).contains(from);
        Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private int lineOf(String file, String text) throws IOException {
        var lines = Files.readAllLines(dir.resolve(file));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    @Test
    void withoutAnArticle9BasisNotEvenTheExistenceOfASpecialCategoryRecordIsReleased() throws IOException {
        copyOfShipped();
        edit("agreements/lambeth-vvasb-panel.yaml", "  special-category: \"UK GDPR Art. 9(2)(g); DPA 2018 Sch. 1 para. 18"
                + " (safeguarding of children and of individuals at risk)\"\n", "");
        PolicySet policy = loader().load("file:" + dir);
        var analyst = PolicyDecisionTest.CALLERS.get("analyst");
        var consented = new PolicySet.Circumstances(PolicyDecisionTest.TODAY, Map.of("slam", ConsentState.GRANTED,
                "met-police", ConsentState.GRANTED), Set.of(), Map.of());

        // the fact of a mental health encounter is health data: no Art. 9 basis, no existence, and no detail
        for (String field : java.util.List.of("event.kind", "event.summary")) {
            var d = policy.decide(analyst, Purpose.VVASB_PANEL, field, "slam", "SPECIAL_CATEGORY", consented);
            assertThat(d.released()).as(field).isFalse();
            assertThat(d.withheld().reason().name()).as(field).isEqualTo("LAWFUL_BASIS");
        }
        assertThat(policy.decide(analyst, Purpose.VVASB_PANEL, "event.kind", "slam", "ORDINARY", consented).released()).isTrue();
        assertThat(policy.decide(analyst, Purpose.VVASB_PANEL, "event.kind", "met-police", "CRIMINAL_OFFENCE", consented)
                .released()).isTrue();
        // a class the hub does not know is no class any agreement has a basis for
        assertThat(policy.decide(analyst, Purpose.VVASB_PANEL, "event.kind", "slam", "SECRET", consented).released()).isFalse();
        assertThat(policy.classesFor(analyst, Purpose.VVASB_PANEL, "event.kind", PolicyDecisionTest.TODAY).get("slam"))
                .containsExactlyInAnyOrder("ORDINARY", "CRIMINAL_OFFENCE");
        assertThat(shipped().classesFor(analyst, Purpose.VVASB_PANEL, "event.kind", PolicyDecisionTest.TODAY).get("slam"))
                .containsExactlyInAnyOrder("ORDINARY", "SPECIAL_CATEGORY", "CRIMINAL_OFFENCE");
    }

    @Test
    void theShippedAgreementsLoadWithVersionsHashesAndStatus() throws IOException {
        PolicySet set = shipped();
        Map<String, PolicySet.LoadedAgreement> byId = set.agreements().stream()
                .collect(Collectors.toMap(PolicySet.LoadedAgreement::id, a -> a));

        assertThat(byId).containsOnlyKeys("lambeth-vvasb-panel", "triborough-youth-justice", "lambeth-marac",
                "lambeth-victim-services-statistics");
        assertThat(byId.get("lambeth-vvasb-panel").document().version()).isEqualTo("3.4");
        assertThat(byId.values()).allSatisfy(a -> assertThat(a.contentHash()).matches("[0-9a-f]{64}"));
        LocalDate today = LocalDate.of(2026, 11, 23);
        assertThat(byId.values()).allSatisfy(a -> assertThat(a.status(today)).isEqualTo(AgreementStatus.ACTIVE));
    }

    @ParameterizedTest
    @CsvSource({
        "lambeth-marac, 2026-12-31, ACTIVE",
        "lambeth-marac, 2027-01-01, REVIEW_OVERDUE",
        "lambeth-marac, 2028-01-01, EXPIRED",
        "lambeth-vvasb-panel, 2026-03-31, NOT_YET_EFFECTIVE",
        "lambeth-vvasb-panel, 2026-04-01, ACTIVE"})
    void statusFollowsTheAgreementsDates(String id, LocalDate day, AgreementStatus expected) throws IOException {
        assertThat(shipped().agreements().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow().status(day))
                .isEqualTo(expected);
    }

    @Test
    void aSearchMatchesOnAFieldOnlyWhereItIsSharedWithoutConditions() throws IOException {
        Caller analyst = new Caller("lambeth.analyst", "lambeth-csp", Set.of("panel-analyst"), Set.of("E09000022"));
        Caller caseManager = new Caller("housing.officer", "lambeth-housing", Set.of("case-manager"), Set.of("E09000022"));
        LocalDate day = LocalDate.of(2026, 11, 23);
        assertThat(shipped().searchableOn(analyst, Purpose.VVASB_PANEL, "subject.nhsNumber", day, false)).contains("slam");
        // the police share a person with the case manager only while assigned: a search matches police records only
        // when it is confined to the subjects assigned to them
        assertThat(shipped().searchableOn(caseManager, Purpose.VVASB_PANEL, "subject.familyName", day, false)).isEmpty();
        assertThat(shipped().searchableOn(caseManager, Purpose.VVASB_PANEL, "subject.familyName", day, true))
                .containsExactlyInAnyOrder("met-police", "lfb");

        // were the trust to share who it knows only with consent, an NHS number would no longer find anyone by its records
        copyOfShipped();
        edit("agreements/lambeth-vvasb-panel.yaml", "subject.dateOfBirth, subject.nhsNumber, event.occurredAt, event.kind, event.agency]\n"
                + "    roles: [panel-analyst, panel-chair]\n    consent: not-required", "subject.dateOfBirth, subject.nhsNumber, "
                + "event.occurredAt, event.kind, event.agency]\n    roles: [panel-analyst, panel-chair]\n    consent: required");
        PolicySet conditional = loader().load("file:" + dir);
        assertThat(conditional.searchableOn(analyst, Purpose.VVASB_PANEL, "subject.nhsNumber", day, false))
                .doesNotContain("slam").contains("met-police");
    }

    @Test
    void anUnknownRoleIsRefusedAtItsLine() throws IOException {
        copyOfShipped();
        String file = "agreements/lambeth-marac.yaml";
        edit(file, "roles: [panel-analyst, panel-chair]\n    consent: not-required\n  - id: \"3.2\"",
                "roles: [panel-analist, panel-chair]\n    consent: not-required\n  - id: \"3.2\"");
        int line = lineOf(file, "panel-analist");

        assertThatThrownBy(() -> loader().load("file:" + dir))
                .isInstanceOf(PolicyRejected.class)
                .hasMessageContaining(file + ":" + line + ": clauses[0].roles[0]: unknown role 'panel-analist'");
    }

    @Test
    void datesOutOfOrderAreRefused() throws IOException {
        copyOfShipped();
        String file = "agreements/triborough-youth-justice.yaml";
        edit(file, "review-by: 2027-06-30", "review-by: 2029-06-30");

        assertThatThrownBy(() -> loader().load("file:" + dir)).isInstanceOf(PolicyRejected.class)
                .hasMessageContaining(file + ":" + lineOf(file, "expires:") + ": expires: expires (2028-08-31) must not come before review-by (2029-06-30)");
    }

    @Test
    void contradictoryClausesAreRefused() throws IOException {
        copyOfShipped();
        String file = "agreements/lambeth-vvasb-panel.yaml";
        // 5.10 shares slam identity without consent; make a second clause share event.kind only with consent
        edit(file, "    fields: [event.category, event.summary, event.roles]\n    roles: [panel-analyst, panel-chair]\n    consent: required",
                "    fields: [event.category, event.summary, event.roles, event.kind]\n    roles: [panel-analyst, panel-chair]\n    consent: required");

        assertThatThrownBy(() -> loader().load("file:" + dir)).isInstanceOf(PolicyRejected.class)
                .hasMessageContaining(file + ":" + lineOf(file, "id: \"5.11\"") + ": clauses[10]: contradicts clause 5.10");
    }

    @Test
    void misspeltKeysMissingValuesBadTypesAndBadYamlAreEachNamed() throws IOException {
        copyOfShipped();
        edit("agreements/lambeth-marac.yaml", "retention:", "retension:");
        edit("agreements/triborough-youth-justice.yaml", "effective: 2025-09-01", "effective: first of September");
        edit("agreements/lambeth-victim-services-statistics.yaml", "title: Lambeth victim services evaluation - statistics only", "title: \"\"");
        edit("catalogue/roles.yaml", "  - code: auditor", "  - code: auditor\n   bad: [");

        PolicyRejected rejected = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejected.class,
                () -> loader().load("file:" + dir));

        assertThat(rejected.problems()).anySatisfy(p -> assertThat(p).startsWith("catalogue/roles.yaml:").contains("not valid YAML"));
        // the catalogue is broken, so agreements are not even read: fix it and look again
        Files.writeString(dir.resolve("catalogue/roles.yaml"), Files.readString(SHIPPED.resolve("catalogue/roles.yaml")));
        rejected = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejected.class, () -> loader().load("file:" + dir));
        assertThat(rejected.problems()).contains(
                "agreements/lambeth-marac.yaml:" + lineOf("agreements/lambeth-marac.yaml", "retension:")
                        + ": retension: unknown key (check its spelling against policies/README.md)",
                "agreements/triborough-youth-justice.yaml:" + lineOf("agreements/triborough-youth-justice.yaml", "effective:")
                        + ": effective: cannot be read as a date (YYYY-MM-DD)",
                "agreements/lambeth-victim-services-statistics.yaml:"
                        + lineOf("agreements/lambeth-victim-services-statistics.yaml", "title:") + ": title: must not be blank");
    }

    @Test
    void aClauseMayOnlyShareWhatAPartyProvidesWithRolesThatReadPersonalData() throws IOException {
        copyOfShipped();
        String file = "agreements/lambeth-marac.yaml";
        edit(file, "    provider: lambeth-housing\n    fields: [subject.*, event.*]\n    roles: [panel-analyst, panel-chair]",
                "    provider: lfb\n    fields: [subject.*, event.shoeSize]\n    roles: [auditor]");

        PolicyRejected rejected = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejected.class,
                () -> loader().load("file:" + dir));
        assertThat(rejected.problems()).contains(
                file + ":" + lineOf(file, "provider: lfb") + ": clauses[1].provider: 'lfb' is not a party to the agreement",
                file + ":" + lineOf(file, "event.shoeSize") + ": clauses[1].fields[1]: unknown field 'event.shoeSize' (catalogue/fields.yaml)",
                file + ":" + lineOf(file, "roles: [auditor]") + ": clauses[1].roles[0]: role 'auditor' does not read personal data");
    }

    @Test
    void onlyThoseWhoCouldSeeTheSubjectMayBeNamedToRecordConsentOrAllocate() throws IOException {
        copyOfShipped();
        String file = "agreements/lambeth-vvasb-panel.yaml";
        edit(file, "  - {provider: tfl, agency: lambeth-csp, role: panel-chair}",
                "  - {provider: tfl, agency: lambeth-csp, role: panel-chair}\n"
                        + "  - {provider: met-police, agency: lambeth-csp, role: panel-analyst}\n"
                        + "  - {provider: slam, agency: slam, role: panel-analyst}\n"
                        + "  - {provider: slam, agency: lambeth-csp, role: commissioner}\n"
                        + "  - {provider: slam, agency: lambeth-csp, role: \"\"}\n"
                        + "  - {provider: slam, agency: lambeth-csp, roles: panel-analyst}");
        edit("agreements/lambeth-marac.yaml", "signatories:", "allocators:\n  - {agency: met-police, role: panel-chair}\nsignatories:");

        PolicyRejected rejected = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejected.class,
                () -> loader().load("file:" + dir));
        assertThat(rejected.problems()).anySatisfy(p -> assertThat(p)
                .startsWith(file + ":" + lineOf(file, "roles: panel-analyst}") + ":").contains("unknown key"));
        // the misspelt key stops the document being read at all: put it right and look again
        edit(file, "\n  - {provider: slam, agency: lambeth-csp, roles: panel-analyst}", "");
        rejected = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejected.class, () -> loader().load("file:" + dir));
        assertThat(rejected.problems()).contains(file + ":" + lineOf(file, "role: \"\"") + ": consentRecorders[11].role: must not be blank");
        // a document that breaks a rule of its own is not checked against the others: put it right and look again
        edit(file, "\n  - {provider: slam, agency: lambeth-csp, role: \"\"}", "");
        rejected = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejected.class, () -> loader().load("file:" + dir));
        String marac = "agreements/lambeth-marac.yaml";
        assertThat(rejected.problems()).contains(
                file + ":" + lineOf(file, "provider: met-police, agency") + ": consentRecorders[8].provider: no clause of this "
                        + "agreement shares met-police's records with consent: required, so consent to it changes nothing here",
                file + ":" + lineOf(file, "agency: slam, role") + ": consentRecorders[9].agency: 'slam' is not a party that "
                        + "receives data under this agreement (receives: true): its staff could not see the subjects they would act on",
                file + ":" + lineOf(file, "role: commissioner") + ": consentRecorders[10].role: no clause of this agreement "
                        + "shares anything with the role 'commissioner': it could not see the subjects it would act on",
                marac + ":" + lineOf(marac, "agency: met-police, role: panel-chair") + ": allocators[0].agency: 'met-police' is not "
                        + "a party that receives data under this agreement (receives: true): its staff could not see the subjects "
                        + "they would act on",
                marac + ":" + lineOf(marac, "allocators:") + ": allocators: no clause of this agreement has relationship: "
                        + "assigned-case-manager, so an allocation under it opens nothing");
    }

    @Test
    void theShippedAgreementsNameWhoMayRecordConsentAndWhoMayAllocate() throws IOException {
        PolicySet policy = shipped();
        var chair = new uk.safeguarding.hub.access.Caller("lambeth.chair", "lambeth-csp", java.util.Set.of("panel-chair"),
                java.util.Set.of("E09000022"));
        var housingCaseManager = new uk.safeguarding.hub.access.Caller("lambeth.casemanager", "lambeth-housing",
                java.util.Set.of("case-manager"), java.util.Set.of("E09000022"));
        var triboroughManager = new uk.safeguarding.hub.access.Caller("triborough.manager", "rbkc-csc",
                java.util.Set.of("panel-chair"), java.util.Set.of("E09000020"));
        LocalDate day = LocalDate.of(2026, 12, 3);
        var vvasb = uk.safeguarding.hub.access.Purpose.VVASB_PANEL;
        assertThat(policy.consentRecorder(chair, vvasb, "slam", day)).hasValueSatisfying(g -> {
            assertThat(g.agreement().id()).isEqualTo("lambeth-vvasb-panel");
            assertThat(g.role()).isEqualTo("panel-chair");
        });
        assertThat(policy.consentRecorder(housingCaseManager, vvasb, "slam", day)).isEmpty();
        assertThat(policy.consentRecorder(chair, vvasb, "met-police", day)).as("police records need no consent").isEmpty();
        assertThat(policy.consentRecorder(chair, uk.safeguarding.hub.access.Purpose.MARAC, "slam", day)).as("names no one").isEmpty();
        assertThat(policy.allocator(chair, vvasb, day)).extracting(g -> g.agreement().id()).containsExactly("lambeth-vvasb-panel");
        assertThat(policy.allocator(chair, uk.safeguarding.hub.access.Purpose.YOUTH_JUSTICE, day)).isEmpty();
        assertThat(policy.allocator(triboroughManager, uk.safeguarding.hub.access.Purpose.YOUTH_JUSTICE, day))
                .extracting(g -> g.agreement().id()).containsExactly("triborough-youth-justice");
    }

    @Test
    void twoAgreementsForOnePurposeThatShareAFieldUnderDifferentConsentRulesAreRefusedNamingBoth() throws IOException {
        copyOfShipped();
        // an insider's second VVASB agreement: the trust's clinical summaries without consent (5.11 asks for it)
        Files.writeString(dir.resolve("agreements/lambeth-quiet-sharing.yaml"), """
                id: lambeth-quiet-sharing
                title: A second panel agreement
                version: "1.0"
                purposes: [VVASB_PANEL]
                parties:
                  - {agency: lambeth-csp, controller: joint-controller, receives: true}
                  - {agency: slam, controller: joint-controller}
                lawful-basis:
                  ordinary: "UK GDPR Art. 6(1)(e) public task"
                  special-category: "UK GDPR Art. 9(2)(g)"
                effective: 2026-01-01
                review-by: 2027-01-31
                expires: 2028-01-31
                retention: "6 years"
                clauses:
                  - id: "1"
                    summary: Clinical summaries.
                    provider: slam
                    fields: [event.*]
                    roles: [panel-analyst]
                    consent: not-required
                signatories:
                  - {name: Someone, role: Analyst, agency: lambeth-csp, signed: 2025-12-01}
                """);

        PolicyRejected rejected = org.junit.jupiter.api.Assertions.assertThrows(PolicyRejected.class,
                () -> loader().load("file:" + dir));
        String vvasb = "agreements/lambeth-vvasb-panel.yaml";
        String quiet = "agreements/lambeth-quiet-sharing.yaml";
        assertThat(rejected.problems()).anySatisfy(p -> assertThat(p)
                .contains(quiet + ":" + lineOf(quiet, "- id: \"1\""), vvasb + ":" + lineOf(vvasb, "id: \"5.11\""),
                        "conflicts with clause", "slam", "panel-analyst", "VVASB_PANEL", "consent required",
                        "consent not-required"));
    }

    @Test
    void eachAgreementKeepsTheHashOfItsFileBytesAndTheLineOfItsVersion() throws Exception {
        copyOfShipped();
        String file = "agreements/lambeth-marac.yaml";
        PolicySet.LoadedAgreement marac = loader().load("file:" + dir).agreements().stream()
                .filter(a -> a.id().equals("lambeth-marac")).findFirst().orElseThrow();

        assertThat(marac.contentHash()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(file)))));
        assertThat(marac.versionLine()).isEqualTo(lineOf(file, "version:"));
        assertThat(marac.citation()).isEqualTo("lambeth-marac@2.3#" + marac.contentHash().substring(0, 16));
        assertThat(loader().documentHashes("file:" + dir)).containsEntry(file, marac.contentHash())
                .containsKeys("catalogue/fields.yaml", "catalogue/roles.yaml", "catalogue/agencies.yaml",
                        "catalogue/purposes.yaml", "agreements/lambeth-vvasb-panel.yaml");
    }
}
