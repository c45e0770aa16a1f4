package uk.safeguarding.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
    void aContributorSeesOnlyTheirOwnAgencysFeeds() {
        JsonNode lfb = client.query(client.devToken("lfb.contributor"), "{ feedRuns { feed received stored duplicates quarantined } }")
                .data().path("feedRuns");
        assertThat(lfb.findValuesAsString("feed")).isNotEmpty().containsOnly("lfb-file-drop");
        lfb.forEach(run -> assertThat(run.path("received").asInt()).isEqualTo(
                run.path("stored").asInt() + run.path("duplicates").asInt() + run.path("quarantined").asInt()));

        JsonNode police = client.query(client.devToken("met.contributor"), "{ feedRuns { feed } }").data().path("feedRuns");
        assertThat(police.findValuesAsString("feed")).isNotEmpty().containsOnly("met-police-incidents");

        Response analyst = client.query(client.devToken("lambeth.analyst"), "{ feedRuns { feed } }");
        assertThat(analyst.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aQuarantinedRecordIsCorrectedAndReplayedByItsOwnAgencyOnly() {
        long id = quarantineABrokenIncident();
        String police = client.devToken("met.contributor");
        String fire = client.devToken("lfb.contributor");

        JsonNode mine = client.query(police, "{ quarantinedRecords { id sourceId raw reasons } }").data().path("quarantinedRecords");
        assertThat(mine.findValuesAsString("id")).contains(String.valueOf(id));
        assertThat(client.query(fire, "{ quarantinedRecords { id } }").data().path("quarantinedRecords").findValuesAsString("id"))
                .doesNotContain(String.valueOf(id));

        String replay = "mutation($id: ID!, $raw: String!) { replayQuarantined(id: $id, correctedRaw: $raw) { outcome reasons } }";
        Response notTheirs = client.query(fire, replay, Map.of("id", String.valueOf(id), "raw", INCIDENT.formatted("2026-10-03T19:30:00Z")));
        assertThat(notTheirs.errors().get(0).path("message").asString()).contains("no quarantined record of yours");

        Response stillWrong = client.query(police, replay, Map.of("id", String.valueOf(id), "raw", INCIDENT.formatted("03/10/2026")));
        assertThat(stillWrong.data().path("replayQuarantined").path("outcome").asString()).as(stillWrong.body().toString())
                .isEqualTo("QUARANTINED");
        assertThat(stillWrong.data().path("replayQuarantined").path("reasons").toString()).contains("datetime");

        long again = jdbc.sql("select id from quarantined_record where replay_of = ?").param(id).query(Long.class).single();
        Response fixed = client.query(police, replay, Map.of("id", String.valueOf(again), "raw", INCIDENT.formatted("2026-10-03T19:30:00Z")));
        assertThat(fixed.data().path("replayQuarantined").path("outcome").asString()).isEqualTo("STORED");
        assertThat(jdbc.sql("select count(*) from source_record where source_id = 'MPS-CAD-REPLAY-1'").query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select resolution from quarantined_record where id = ?").param(again).query(String.class).single())
                .isEqualTo("replayed: stored");
        assertThat(jdbc.sql("select count(*) from audit_entry where operation = 'replayQuarantined' and actor = 'met.contributor'")
                .query(Integer.class).single()).isEqualTo(2);
    }
}
