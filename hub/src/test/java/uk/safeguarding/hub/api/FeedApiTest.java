package uk.safeguarding.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;

/** Partner agencies see their own feeds and rejected records, correct them and replay them; nothing of others. */
class FeedApiTest extends LocalHubTest {

    @Autowired
    RecordGateway gateway;

    private static final String INCIDENT = """
            {"reference":"MPS-CAD-REPLAY-1","persistent_id":"","category":"anti-social-behaviour","month":"2026-10",
             "datetime":"%s","location":{"street":{"id":1,"name":"On or near Acre Lane"},"postcode":"SW2 5SG"},
             "borough":"E09000022","people":[{"person_id":"MPS-N900001","role":"Victim","given_name":"Replay",
             "surname":"Tester","date_of_birth":"1970-01-01","gender":"Female"}]}""";

    private long quarantineABrokenIncident() {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'met-police-incidents') returning id::text")
                .query(String.class).single();
        String raw = INCIDENT.formatted("the evening of the 3rd");
        assertThat(gateway.receive(SourceRecord.unmappable(run, "met-police-incidents", "met-police", "MPS-CAD-REPLAY-1", raw,
                "datetime: could not be read as OffsetDateTime"))).isEqualTo(RecordGateway.Outcome.QUARANTINED);
        return jdbc.sql("select max(id) from quarantined_record where source_id = 'MPS-CAD-REPLAY-1'").query(Long.class).single();
    }

    @Test
    void aContributorSeesTheStatusAndQualityOfTheirOwnAgencysFeedsOnly() {
        String feeds = "{ feeds { id agency name transport lagSeconds lastError lastRun { kind instance status received stored "
                + "duplicates quarantined } runs(first: 3) { feed } quality { personRecords completeness { field present share } "
                + "rejectionReasons { reason count } } } }";
        await().atMost(Duration.ofSeconds(60)).until(() -> client.query(client.devToken("lfb.contributor"), feeds).data()
                .path("feeds").path(0).path("lagSeconds").isNumber());
        JsonNode lfb = client.query(client.devToken("lfb.contributor"), feeds).data().path("feeds");
        assertThat(lfb.findValuesAsString("id")).containsExactly("lfb-file-drop");
        JsonNode feed = lfb.get(0);
        assertThat(feed.path("transport").asString()).isEqualTo("FILE_DROP");
        assertThat(feed.path("name").asString()).contains("London Fire Brigade");
        JsonNode run = feed.path("lastRun");
        assertThat(run.path("kind").asString()).isEqualTo("POLL");
        assertThat(run.path("instance").asString()).isNotBlank();
        assertThat(run.path("received").asInt()).isEqualTo(
                run.path("stored").asInt() + run.path("duplicates").asInt() + run.path("quarantined").asInt());
        assertThat(feed.path("runs").findValuesAsString("feed")).isNotEmpty().containsOnly("lfb-file-drop");

        // completeness is counted from what the feed's person records carry: LFB's open data has no NHS number
        JsonNode quality = feed.path("quality");
        int people = quality.path("personRecords").asInt();
        assertThat(people).isEqualTo(jdbc.sql("""
                select count(*) from person_record p join source_record s on s.id = p.source_record_id
                where s.feed = 'lfb-file-drop'""").query(Integer.class).single());
        JsonNode nhs = field(quality, "nhsNumber");
        assertThat(nhs.path("present").asInt()).isZero();
        JsonNode postcode = field(quality, "postcode");
        assertThat(postcode.path("present").asInt()).isPositive().isLessThanOrEqualTo(people);
        assertThat(postcode.path("share").asDouble()).isCloseTo((double) postcode.path("present").asInt() / people, within(1e-9));

        JsonNode police = client.query(client.devToken("met.contributor"), "{ feeds { id transport } }").data().path("feeds");
        assertThat(police.findValuesAsString("id")).containsExactly("met-police-incidents");
        assertThat(police.findValuesAsString("transport")).containsExactly("REST_JSON");

        Response analyst = client.query(client.devToken("lambeth.analyst"), "{ feeds { id } }");
        assertThat(analyst.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aFeedReportsWhyItsLatestPollFailedAndItsCommonestRejections() {
        long id = quarantineABrokenIncident();
        UUID failed = UUID.randomUUID();
        // a poll that failed after every other run of the feed so far
        jdbc.sql("""
                insert into feed_run (id, feed, started_at, finished_at, status, failure)
                values (?, 'met-police-incidents', now() + interval '1 hour', now() + interval '1 hour', 'failed',
                        'partner unavailable: HTTP 503 after 5 retries')""").param(failed).update();
        try {
            JsonNode feed = client.query(client.devToken("met.contributor"),
                    "{ feeds { lastError lastRun { id } quality { rejectionReasons { reason count } } } }")
                    .data().path("feeds").get(0);
            assertThat(feed.path("lastRun").path("id").asString()).isEqualTo(failed.toString());
            assertThat(feed.path("lastError").asString()).isEqualTo("partner unavailable: HTTP 503 after 5 retries");
            assertThat(feed.path("quality").path("rejectionReasons").findValuesAsString("reason"))
                    .contains("datetime: could not be read as OffsetDateTime");
        } finally {
            jdbc.sql("delete from feed_run where id = ?").param(failed).update();
        }
        assertThat(id).isPositive();
    }

    @Test
    void anAdministratorSeesEveryFeedAndWhyRecordsWereRejectedButNotTheRecords() {
        long id = quarantineABrokenIncident();
        String admin = client.devToken("hub.admin");
        JsonNode feeds = client.query(admin, "{ feeds { id agency } }").data().path("feeds");
        assertThat(feeds.findValuesAsString("id")).contains("met-police-incidents", "lfb-file-drop", "tfl-safeguarding-reports");

        JsonNode records = client.query(admin, "{ quarantinedRecords(feed: \"met-police-incidents\", first: 50) { edges { node { "
                + "id raw rawWithheld reasons } } } }").data().path("quarantinedRecords").path("edges");
        JsonNode mine = null;
        for (JsonNode edge : records) {
            if (edge.path("node").path("id").asString().equals(String.valueOf(id))) {
                mine = edge.path("node");
            }
        }
        assertThat(mine).as("the quarantined record is listed for the administrator").isNotNull();
        assertThat(mine.path("raw").isNull()).isTrue();
        assertThat(mine.path("rawWithheld").asString()).contains("not the personal data");
        assertThat(mine.path("reasons").toString()).contains("datetime");

        Response correcting = client.query(admin, "mutation($id: ID!, $raw: String) { replayQuarantined(id: $id, correctedPayload: $raw) "
                + "{ outcome } }", Map.of("id", String.valueOf(id), "raw", INCIDENT.formatted("2026-10-03T19:30:00Z")));
        assertThat(correcting.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(jdbc.sql("select resolved_at is null from quarantined_record where id = ?").param(id).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void quarantinedRecordsArePagedNewestFirstWithoutRepeats() {
        long first = quarantineABrokenIncident();
        long second = quarantineABrokenIncident();
        long third = quarantineABrokenIncident();
        String police = client.devToken("met.contributor");
        String page = "query($after: String) { quarantinedRecords(feed: \"met-police-incidents\", first: 2, after: $after) "
                + "{ edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }";
        JsonNode one = client.query(police, page, Map.of()).data().path("quarantinedRecords");
        assertThat(one.path("edges").findValuesAsString("id")).containsExactly(String.valueOf(third), String.valueOf(second));
        assertThat(one.path("pageInfo").path("hasNextPage").asBoolean()).isTrue();

        // a record quarantined while the partner pages through does not shift the next page
        quarantineABrokenIncident();
        JsonNode two = client.query(police, page, Map.of("after", one.path("pageInfo").path("endCursor").asString()))
                .data().path("quarantinedRecords");
        assertThat(two.path("edges").path(0).path("node").path("id").asString()).isEqualTo(String.valueOf(first));

        Response fire = client.query(client.devToken("lfb.contributor"), page, Map.of());
        assertThat(fire.errors().get(0).path("message").asString()).contains("no feed of yours");
    }

    @Test
    void aQuarantinedRecordIsCorrectedAndReplayedByItsOwnAgencyOnly() {
        long id = quarantineABrokenIncident();
        String police = client.devToken("met.contributor");
        String fire = client.devToken("lfb.contributor");

        JsonNode mine = client.query(police, "{ quarantinedRecords(feed: \"met-police-incidents\", first: 100) { edges { node { "
                + "id sourceId raw reasons } } } }").data().path("quarantinedRecords");
        assertThat(mine.findValuesAsString("id")).contains(String.valueOf(id));
        assertThat(mine.findValuesAsString("raw")).contains(INCIDENT.formatted("the evening of the 3rd"));

        String replay = "mutation($id: ID!, $raw: String) { replayQuarantined(id: $id, correctedPayload: $raw) { outcome reasons } }";
        Response notTheirs = client.query(fire, replay, Map.of("id", String.valueOf(id), "raw", INCIDENT.formatted("2026-10-03T19:30:00Z")));
        assertThat(notTheirs.errors().get(0).path("message").asString()).contains("no quarantined record of yours");

        Response asItWas = client.query(police, replay, Map.of("id", String.valueOf(id)));
        assertThat(asItWas.data().path("replayQuarantined").path("outcome").asString()).as(asItWas.body().toString())
                .isEqualTo("QUARANTINED");
        long again = jdbc.sql("select id from quarantined_record where replay_of = ?").param(id).query(Long.class).single();

        Response stillWrong = client.query(police, replay, Map.of("id", String.valueOf(again), "raw", INCIDENT.formatted("03/10/2026")));
        assertThat(stillWrong.data().path("replayQuarantined").path("outcome").asString()).as(stillWrong.body().toString())
                .isEqualTo("QUARANTINED");
        assertThat(stillWrong.data().path("replayQuarantined").path("reasons").toString()).contains("datetime");

        long third = jdbc.sql("select id from quarantined_record where replay_of = ?").param(again).query(Long.class).single();
        Response fixed = client.query(police, replay, Map.of("id", String.valueOf(third), "raw", INCIDENT.formatted("2026-10-03T19:30:00Z")));
        assertThat(fixed.data().path("replayQuarantined").path("outcome").asString()).isIn("STORED", "DUPLICATE");
        assertThat(jdbc.sql("select count(*) from source_record where source_id = 'MPS-CAD-REPLAY-1'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select resolution from quarantined_record where id = ?").param(third).query(String.class).single())
                .startsWith("replayed: ");
        assertThat(jdbc.sql("""
                select count(*) from audit_entry where operation = 'replayQuarantined' and actor = 'met.contributor'
                and detail::jsonb ->> 'record' in (?, ?, ?)""").params(String.valueOf(id), String.valueOf(again), String.valueOf(third))
                .query(Integer.class).single()).isEqualTo(3);
    }

    private static JsonNode field(JsonNode quality, String name) {
        for (JsonNode f : quality.path("completeness")) {
            if (f.path("field").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no completeness for " + name + " in " + quality);
    }
}
