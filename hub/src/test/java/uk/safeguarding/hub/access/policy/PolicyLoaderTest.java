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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

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
    void theShippedAgreementsLoadWithVersionsHashesAndStatus() throws IOException {
        PolicySet set = shipped();
        Map<String, PolicySet.LoadedAgreement> byId = set.agreements().stream()
                .collect(Collectors.toMap(PolicySet.LoadedAgreement::id, a -> a));

        assertThat(byId).containsOnlyKeys("lambeth-vvasb-panel", "triborough-youth-justice", "lambeth-marac",
                "lambeth-victim-services-statistics");
        assertThat(byId.get("lambeth-vvasb-panel").document().version()).isEqualTo("3.1");
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
    void theStoreKeepsTheLastGoodSetWhenAReloadFailsAndRefusesToStartWithout() throws IOException {
        copyOfShipped();
        var validator = Validation.buildDefaultValidatorFactory().getValidator();
        PolicyStore store = new PolicyStore(new PathMatchingResourcePatternResolver(), validator, "file:" + dir);
        PolicySet good = store.current();

        edit("agreements/lambeth-marac.yaml", "purposes: [MARAC]", "purposes: [DOMESTIC_ABUSE]");
        PolicyStore.LoadResult result = store.reload();

        assertThat(result.loaded()).isFalse();
        assertThat(result.problems()).singleElement().asString()
                .startsWith("agreements/lambeth-marac.yaml:" + lineOf("agreements/lambeth-marac.yaml", "purposes:"))
                .contains("unknown purpose 'DOMESTIC_ABUSE'");
        assertThat(store.current()).isSameAs(good);

        assertThatThrownBy(() -> new PolicyStore(new PathMatchingResourcePatternResolver(), validator, "file:" + dir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("will not run without its policies")
                .hasMessageContaining("DOMESTIC_ABUSE");

        edit("agreements/lambeth-marac.yaml", "purposes: [DOMESTIC_ABUSE]", "purposes: [MARAC]");
        assertThat(store.reload().loaded()).isTrue();
        assertThat(store.current()).isNotSameAs(good);
    }
}
