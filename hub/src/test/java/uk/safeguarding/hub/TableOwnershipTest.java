package uk.safeguarding.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each module owns its tables: no module's SQL names another module's table (Spring Modulith checks the
 * Java, not the SQL in strings). Other modules read through the owner's Java API or, for set-based reads,
 * the read-only views it publishes (its SQL API). A crossing fails the build, and so does a table or view no
 * module owns.
 */
class TableOwnershipTest {

    private static final Map<String, Set<String>> OWNED = Map.of(
            "audit", Set.of("audit_entry", "audit_checkpoint", "audit_signing_key"),
            "identity", Set.of("subject", "subject_link", "subject_key", "person_record", "identity_decision", "link_move",
                    "link_review", "match_block", "match_block_backfill", "match_model"),
            "ingest", Set.of("agency", "source_record", "event", "event_party", "feed_run", "feed_run_progress",
                    "quarantined_record"),
            "access", Set.of("consent", "exemption", "case_assignment", "policy_agreement_version", "subject_row_move"),
            "casework", Set.of("panel_case", "panel_decision", "panel_meeting", "case_action", "referral", "risk_assessment"));

    /** Views a module publishes for other modules' SQL: read-only, and the tables behind them stay its own. */
    private static final Map<String, Set<String>> PUBLISHED = Map.of(
            "identity", Set.of("record_subject", "person_record_completeness"));

    private static final Path MAIN = Path.of("src/main/java/uk/safeguarding/hub");
    private static final Pattern STRINGS = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"", Pattern.DOTALL);
    private static final Pattern NAMED = Pattern.compile("\\b(?:from|join|into|update|table)\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);

    @Test
    void everyTableAndViewHasOneOwningModule() throws IOException {
        Set<String> tables = new TreeSet<>();
        Set<String> views = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path m : migrations.toList()) {
                Matcher create = Pattern.compile("create (table|view) (?:if not exists )?([a-z_]+)", Pattern.CASE_INSENSITIVE)
                        .matcher(Files.readString(m));
                while (create.find()) {
                    (create.group(1).equalsIgnoreCase("view") ? views : tables).add(create.group(2).toLowerCase());
                }
            }
        }
        Set<String> owned = OWNED.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(tables).as("tables with no owning module").allMatch(owned::contains);
        Set<String> published = PUBLISHED.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(views).as("views no module publishes").containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void noModulesSqlNamesAnotherModulesTable() throws IOException {
        Set<String> crossings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String module = MAIN.relativize(file).getName(0).toString();
                if (module.endsWith(".java") || module.equals("local")) {
                    continue; // the application class; local mode's servers
                }
                crossings.addAll(crossings(module, Files.readString(file)));
            }
        }
        assertThat(crossings).as("SQL naming another module's table").isEmpty();
    }

    @Test
    void theScanFindsAnotherModulesTableButNotItsPublishedView() {
        String block = "\"\"\"";
        String source = "jdbc.sql(\"select l.subject_id from event e join subject_link l on l.person_record_id = e.id\");\n"
                + "jdbc.sql(" + block + "\n    select count(*) from person_record_completeness c\n    join panel_case k on true"
                + block + ");\n";
        assertThat(crossings("ingest", source)).containsExactlyInAnyOrder("ingest -> subject_link", "ingest -> panel_case");
        assertThat(crossings("identity", source)).containsExactlyInAnyOrder("identity -> event", "identity -> panel_case");
    }

    /** Each "module -> table" where the Java {@code source} of {@code module} names another module's table in a string. */
    private static Set<String> crossings(String module, String source) {
        Map<String, String> owner = OWNED.entrySet().stream().flatMap(e -> e.getValue().stream().map(t -> Map.entry(t, e.getKey())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Set<String> crossings = new TreeSet<>();
        Matcher literal = STRINGS.matcher(source);
        while (literal.find()) {
            String sql = literal.group(1) != null ? literal.group(1) : literal.group(2);
            Matcher table = NAMED.matcher(sql);
            while (table.find()) {
                String of = owner.get(table.group(1).toLowerCase());
                if (of != null && !of.equals(module)) {
                    crossings.add(module + " -> " + table.group(1).toLowerCase());
                }
            }
        }
        return crossings;
    }
}
