package uk.safeguarding.hub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.hub.LocalHubTest;

/**
 * Quarantine keeps what the partner sent: a Windows-1252 export's row is kept as its bytes with their
 * encoding beside the decoded text, and a replay decodes those same bytes the same way.
 */
class QuarantineKeepsBytesTest extends LocalHubTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Autowired
    Quarantine quarantine;

    @Value("${hub.feeds.lfb.dir}")
    String lfbDrop;

    @Test
    void aWindows1252RowIsQuarantinedAsItsBytesWithItsEncodingAndReplayedFromThem() throws Exception {
        byte[] file;
        try (var in = QuarantineKeepsBytesTest.class.getResourceAsStream("/lfb/incident-data-windows-1252.csv")) {
            file = in.readAllBytes();
        }
        String text = new String(file, WINDOWS_1252);
        int headerEnd = text.indexOf("\r\n") + 2;
        int badRow = text.indexOf("041879-21102026");
        // header line and the bad row, cut from the file's bytes (one byte a character in Windows-1252)
        byte[] sent = concat(Arrays.copyOfRange(file, 0, headerEnd), Arrays.copyOfRange(file, badRow, file.length));
        Files.write(Path.of(lfbDrop, "incidents-windows-1252.csv"), file);

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from quarantined_record where source_id = '041879-21102026'").query(Integer.class).single() > 0);
        Map<String, Object> kept = jdbc.sql("""
                select id, raw, raw_bytes, raw_encoding from quarantined_record where source_id = '041879-21102026'
                order by id limit 1""").query().singleRow();
        long id = ((Number) kept.get("id")).longValue();
        assertThat((byte[]) kept.get("raw_bytes")).isEqualTo(sent).contains((byte) 0xA3);
        assertThat(kept.get("raw_encoding")).isEqualTo("windows-1252");
        assertThat((String) kept.get("raw")).isEqualTo(new String(sent, WINDOWS_1252)).contains("Notional Cost (£)");
        // the row that could be read is stored as the text it decoded to
        assertThat(jdbc.sql("select raw from source_record where source_id = '041877-21102026'").query(String.class).single())
                .contains("Notional Cost (£)");

        // replayed as it was: from the bytes, decoded as at first; quarantined again with the same bytes
        assertThat(quarantine.replay(id, null).outcome()).isEqualTo("QUARANTINED");
        Map<String, Object> again = jdbc.sql("select id, raw, raw_bytes, raw_encoding from quarantined_record where replay_of = ?")
                .param(id).query().singleRow();
        assertThat((byte[]) again.get("raw_bytes")).isEqualTo(sent);
        assertThat(again.get("raw_encoding")).isEqualTo("windows-1252");
        assertThat(again.get("raw")).isEqualTo(kept.get("raw"));

        // the agency sees which encoding the raw text came from
        JsonNode records = client.query(client.devToken("lfb.contributor"), "{ quarantinedRecords(feed: \"lfb-file-drop\", "
                + "first: 100) { edges { node { sourceId raw rawEncoding } } } }").data().path("quarantinedRecords").path("edges");
        assertThat(records.findParents("sourceId")).filteredOn(n -> n.path("sourceId").asString().equals("041879-21102026"))
                .isNotEmpty().allSatisfy(n -> assertThat(n.path("rawEncoding").asString()).isEqualTo("windows-1252"));

        // a correction is the agency's text: replayed as typed and stored
        long third = ((Number) again.get("id")).longValue();
        String corrected = ((String) again.get("raw")).replace("21/10/2026", "21 Oct 2026");
        assertThat(quarantine.replay(third, corrected).outcome()).isEqualTo("STORED");
        assertThat(jdbc.sql("select raw from source_record where source_id = '041879-21102026'").query(String.class).single())
                .isEqualTo(corrected);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
