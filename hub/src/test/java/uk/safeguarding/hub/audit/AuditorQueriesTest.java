package uk.safeguarding.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.DatabaseOwner;
import uk.safeguarding.hub.LocalHubTest;

/** The auditors' GraphQL queries and HTTP endpoints, against the running hub. */
class AuditorQueriesTest extends LocalHubTest {

    private static final String VERIFY = "query($from: DateTime, $to: DateTime) { verifyAuditLog(from: $from, to: $to) "
            + "{ valid entriesChecked checkpointsChecked firstBadSequence problem } }";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private Environment env;
    @Autowired
    private AuditCheckpoints checkpoints;
    @Autowired
    private AuditProperties properties;

    @TempDir
    Path dir;

    private String auditor() {
        return client.devToken("hub.auditor");
    }

    private JsonNode verify() {
        Response response = client.query(auditor(), VERIFY);
        assertThat(response.errors().isMissingNode() || response.errors().isEmpty()).as(response.body().toString()).isTrue();
        return response.data().path("verifyAuditLog");
    }

    /** A repeat victim the police feed knows, so that every police-sharing purpose can see them. */
    private String firstSubjectId(String token) {
        var victim = uk.safeguarding.hub.TestRecords.resident(0);
        Response search = client.query(token, "query($name: String, $dob: Date) { searchSubjects(purpose: VVASB_PANEL, "
                + "name: $name, dateOfBirth: $dob, first: 1) { edges { node { id } } } }",
                Map.of("name", victim.givenName() + " " + victim.familyName(), "dob", victim.dateOfBirth().toString()));
        return search.data().path("searchSubjects").path("edges").get(0).path("node").path("id").asString();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String offline(String export, String... options) throws Exception {
        Path file = Files.writeString(dir.resolve("export.jsonl"), export);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(options));
        args.add(file.toString());
        int status = OfflineVerifier.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        String printed = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(status).as(printed).isEqualTo(printed.startsWith("valid") ? 0 : 1);
        return printed;
    }

    @Test
    void theAccessReportShowsWhoReadTheSubjectWhenAndWhy() {
        String analyst = client.devToken("lambeth.analyst");
        String subjectId = firstSubjectId(analyst);
        client.query(analyst, "query($id: ID!) { subject(id: $id, purpose: MARAC) { id givenName "
                + "timeline(first: 5) { edges { node { id category } } } } }", Map.of("id", subjectId));

        Response report = client.query(auditor(), "query($id: ID!) { accessReport(subjectId: $id) { sequence recordedAt "
                + "actor actorAgency actorRoles purpose operation refused agreements fieldsReleased eventsReleased "
                + "fieldsWithheld { event field reason } } }", Map.of("id", subjectId));

        List<JsonNode> records = new ArrayList<>();
        report.data().path("accessReport").forEach(records::add);
        // the request is one entry: the subject's fields and its timeline's events
        assertThat(records).anySatisfy(r -> {
            assertThat(r.path("actor").asString()).isEqualTo("lambeth.analyst");
            assertThat(r.path("actorAgency").asString()).isEqualTo("lambeth-csp");
            assertThat(r.path("purpose").asString()).isEqualTo("MARAC");
            assertThat(r.path("operation").asString()).isEqualTo("subject");
            assertThat(r.path("refused").asBoolean()).isFalse();
            assertThat(r.path("agreements").toString()).contains("lambeth-marac@2.3");
            assertThat(r.path("fieldsReleased").toString()).contains("givenName", "familyName", "dateOfBirth");
            assertThat(r.path("eventsReleased").size()).isPositive();
        });
        // field names and decisions as the access module recorded them, never the values
        assertThat(records).allSatisfy(r -> r.path("fieldsWithheld").forEach(w -> {
            assertThat(w.path("field").asString()).isNotBlank();
            assertThat(w.path("reason").asString()).isNotBlank();
        }));
        assertThat(report.body().toString()).doesNotContain("\"givenName\":\"");

        // the auditor's own query is on the record, with no subjects
        Response mine = client.query(auditor(), "{ auditEntries(filter: {actor: \"hub.auditor\", operation: \"accessReport\"}, "
                + "first: 100) { edges { node { sequence subjects purpose detail } } } }");
        JsonNode entries = mine.data().path("auditEntries").path("edges");
        assertThat(entries.isEmpty()).isFalse();
        assertThat(entries.get(entries.size() - 1).path("node").path("subjects").isEmpty()).isTrue();
        assertThat(entries.get(entries.size() - 1).path("node").path("detail").asString()).contains(subjectId);
    }

    @Test
    void auditEntriesFilterAndPageLikeEveryOtherConnection() {
        String analyst = client.devToken("lambeth.analyst");
        String subjectId = firstSubjectId(analyst);
        client.query(analyst, "query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { id } }", Map.of("id", subjectId));
        client.query(analyst, "query($id: ID!) { subject(id: $id, purpose: VVASB_PANEL) { id } }", Map.of("id", subjectId));
        String query = "query($after: String) { auditEntries(filter: {actor: \"lambeth.analyst\", subjectId: \"" + subjectId
                + "\", operation: \"subject\", purpose: \"VVASB_PANEL\", agency: \"lambeth-csp\"}, first: 1, after: $after) "
                + "{ edges { cursor node { sequence actor operation purpose subjects } } pageInfo { hasNextPage endCursor } } }";

        JsonNode first = client.query(auditor(), query).data().path("auditEntries");
        Map<String, Object> after = new java.util.HashMap<>();
        after.put("after", first.path("pageInfo").path("endCursor").asString());
        JsonNode second = client.query(auditor(), query, after).data().path("auditEntries");

        assertThat(first.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
        assertThat(second.path("edges").get(0).path("node").path("sequence").asLong())
                .isGreaterThan(first.path("edges").get(0).path("node").path("sequence").asLong());
        for (JsonNode page : List.of(first, second)) {
            JsonNode node = page.path("edges").get(0).path("node");
            assertThat(node.path("actor").asString()).isEqualTo("lambeth.analyst");
            assertThat(node.path("operation").asString()).isEqualTo("subject");
            assertThat(node.path("subjects").get(0).asString()).isEqualTo(subjectId);
        }
        Response bad = client.query(auditor(), "{ auditEntries(filter: {subjectId: \"not-an-id\"}) { edges { cursor } } }");
        assertThat(bad.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("BAD_REQUEST");
    }

    @Test
    void theChainIsValidAndSealedByASignedCheckpoint() throws Exception {
        client.query(client.devToken("lambeth.analyst"), "{ searchSubjects(purpose: VVASB_PANEL, first: 3) { edges { cursor } } }");
        HttpResponse<String> sealed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/audit/checkpoints")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + auditor()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sealed.statusCode()).as(sealed.body()).isEqualTo(200);

        JsonNode verification = verify();

        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("entriesChecked").asLong()).isPositive();
        assertThat(verification.path("checkpointsChecked").asInt()).isPositive();
        assertThat(verification.path("firstBadSequence").isNull()).isTrue();

        JsonNode keys = JSON.readTree(get("/audit/public-keys", null).body()).path("keys");
        assertThat(keys.isEmpty()).isFalse();
        assertThat(keys.get(0).path("algorithm").asString()).isEqualTo("Ed25519");
        assertThat(keys.get(0).path("publicKeyPem").asString()).startsWith("-----BEGIN PUBLIC KEY-----");

        HttpResponse<String> export = get("/audit/export", auditor());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/jsonl"));
        assertThat(offline(export.body())).startsWith("valid");

        HttpResponse<String> csv = get("/audit/export?format=csv", auditor());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("sequence,recordedAt,actor,actorAgency,actorRoles,purpose,operation,subjects,detail,previousHash,hash");
        assertThat(lines.get(1)).startsWith("1,");
        assertThat(get("/audit/export?format=xlsx", auditor()).statusCode()).isEqualTo(400);
    }

    @Test
    void anExportIsProvedEndToEndByThePinnedKeyAndTheWitness() throws Exception {
        JsonNode published = JSON.readTree(get("/audit/public-keys", null).body());
        String current = null;
        for (JsonNode key : published.path("keys")) {
            // nothing pinned in local mode's configuration; the current key is trusted as the hub holds it
            assertThat(key.path("pinned").asBoolean()).isFalse();
            if (key.path("current").asBoolean()) {
                current = key.path("keyId").asString();
            }
        }
        assertThat(current).isNotNull();
        assertThat(published.path("trustedKeyIds").toString()).isEqualTo("[\"" + current + "\"]");

        String analyst = client.devToken("lambeth.analyst");
        client.query(analyst, "{ searchSubjects(purpose: VVASB_PANEL, first: 2) { edges { cursor } } }");
        checkpoints.checkpoint();
        long sealedBefore = jdbc.sql("select max(sequence) from audit_checkpoint").query(Long.class).single();
        java.time.Instant from = java.time.Instant.now();
        client.query(analyst, "{ searchSubjects(purpose: VVASB_PANEL, first: 2) { edges { cursor } } }");

        // the export seals its own end, so the pinned key proves all of it; the witness holds that checkpoint too
        String whole = get("/audit/export", auditor()).body();
        long last = JSON.readTree(whole.lines().findFirst().orElseThrow()).path("lastSequence").asLong();
        assertThat(offline(whole, "--trust", current, "--witness", properties.witnessDir()))
                .startsWith("valid: entries 1 to " + last + " ").endsWith("; proved 1 to " + last + " by trusted checkpoints");

        // a period is widened back to just after the checkpoint before it, which anchors it
        String period = get("/audit/export?from=" + from, auditor()).body();
        JsonNode header = JSON.readTree(period.lines().findFirst().orElseThrow());
        assertThat(header.path("firstSequence").asLong()).isEqualTo(sealedBefore + 1);
        assertThat(offline(period, "--trust", current, "--witness", properties.witnessDir()))
                .endsWith("; proved " + (sealedBefore + 1) + " to " + header.path("lastSequence").asLong()
                        + " by trusted checkpoints");
    }

    @Test
    void onlyAuditorsMayQueryOrExportTheLogAndARefusalIsRecorded() throws Exception {
        String analyst = client.devToken("lambeth.analyst");
        for (String query : List.of(VERIFY, "{ accessAnomalies { actor } }",
                "{ accessReport(subjectId: \"5a7fc62b-f833-4425-97ce-cf67f05d5bf3\") { actor } }",
                "{ auditEntries(filter: {}) { edges { cursor } } }")) {
            Response response = client.query(analyst, query);
            assertThat(response.errors().get(0).path("extensions").path("classification").asString()).as(query)
                    .isEqualTo("FORBIDDEN");
            assertThat(response.data().isNull() || response.data().isMissingNode()).isTrue();
        }
        assertThat(get("/audit/export", analyst).statusCode()).isEqualTo(403);
        assertThat(get("/audit/export", null).statusCode()).isEqualTo(401);
        assertThat(get("/audit/public-keys", null).statusCode()).isEqualTo(200);

        JsonNode refusals = client.query(auditor(), "{ auditEntries(filter: {actor: \"lambeth.analyst\", operation: "
                + "\"auditExport\"}) { edges { node { detail subjects } } } }").data().path("auditEntries").path("edges");
        assertThat(refusals.isEmpty()).isFalse();
        assertThat(refusals.get(0).path("node").path("detail").asString()).contains("refused");
    }

    @Test
    void bulkReadingAndRepeatedRefusalsShowAsAnomalies() {
        client.query(client.devToken("lambeth.analyst"),
                "{ searchSubjects(purpose: VVASB_PANEL, first: 100) { edges { cursor } } }");
        String admin = client.devToken("hub.admin");
        for (int i = 0; i < 5; i++) {
            client.query(admin, "{ searchSubjects(purpose: VVASB_PANEL, first: 1) { edges { cursor } } }");
        }

        Response response = client.query(auditor(), "{ accessAnomalies { actor actorAgency kind count threshold firstAt lastAt } }");

        List<JsonNode> anomalies = new ArrayList<>();
        response.data().path("accessAnomalies").forEach(anomalies::add);
        assertThat(anomalies).as(response.body().toString()).anySatisfy(a -> {
            assertThat(a.path("actor").asString()).isEqualTo("lambeth.analyst");
            assertThat(a.path("kind").asString()).isEqualTo("BULK_READING");
            assertThat(a.path("count").asInt()).isGreaterThanOrEqualTo(a.path("threshold").asInt());
        });
        assertThat(anomalies).anySatisfy(a -> {
            assertThat(a.path("actor").asString()).isEqualTo("hub.admin");
            assertThat(a.path("kind").asString()).isEqualTo("REPEATED_REFUSALS");
            assertThat(a.path("count").asInt()).isGreaterThanOrEqualTo(5);
        });
    }

    @Test
    void manyParallelReadersStillBuildOneValidChain() throws Exception {
        long before = jdbc.sql("select coalesce(max(sequence), 0) from audit_entry").query(Long.class).single();
        String analyst = client.devToken("lambeth.analyst");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                readers.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 20; i++) {
                        Response r = client.query(analyst, "{ searchSubjects(purpose: VVASB_PANEL, first: 2) { edges { cursor } } }");
                        ok += r.status() == 200 && r.errors().isMissingNode() ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int succeeded = 0;
            for (Future<Integer> reader : readers) {
                succeeded += reader.get();
            }
            assertThat(succeeded).isEqualTo(16 * 20);
        } finally {
            pool.shutdown();
        }
        long after = jdbc.sql("select coalesce(max(sequence), 0) from audit_entry").query(Long.class).single();
        assertThat(after - before).isGreaterThanOrEqualTo(16 * 20);

        // sealed first: this is about the chain under concurrent appends, not how recently checkpoints ran
        checkpoints.checkpoint();
        long started = System.nanoTime();
        JsonNode verification = verify();
        System.out.printf("verifyAuditLog over %d entries: %d ms%n", verification.path("entriesChecked").asLong(),
                (System.nanoTime() - started) / 1_000_000);
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void anEntryEditedInTheDatabaseIsReportedByTheApiAndTheOfflineVerifier() throws Exception {
        client.query(client.devToken("lambeth.analyst"), "{ searchSubjects(purpose: VVASB_PANEL, first: 2) { edges { cursor } } }");
        long target = jdbc.sql("select max(sequence) - 1 from audit_entry").query(Long.class).single();
        tamper("update audit_entry set actor = actor || '~' where sequence = " + target);
        try {
            JsonNode verification = verify();
            assertThat(verification.path("valid").asBoolean()).isFalse();
            assertThat(verification.path("firstBadSequence").asLong()).isEqualTo(target);
            assertThat(verification.path("problem").asString()).contains("does not match its hash");

            String printed = offline(get("/audit/export", auditor()).body());
            assertThat(printed).startsWith("invalid at sequence " + target + ":").contains("does not match its hash");
        } finally {
            tamper("update audit_entry set actor = left(actor, length(actor) - 1) where sequence = " + target);
        }
        assertThat(verify().path("valid").asBoolean()).isTrue();
    }

    /** As the database's owner: the hub's own role may not touch the triggers. */
    private void tamper(String sql) {
        new DatabaseOwner(env).inTransaction(owner -> {
            owner.sql("alter table audit_entry disable trigger audit_entry_append_only").update();
            owner.sql(sql).update();
            owner.sql("alter table audit_entry enable trigger audit_entry_append_only").update();
        });
    }
}
