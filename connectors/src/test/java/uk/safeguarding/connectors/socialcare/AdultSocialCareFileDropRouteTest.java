package uk.safeguarding.connectors.socialcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;

/** Adult social care's drop, by header version: each row read as the drop reads it (header and row). */
class AdultSocialCareFileDropRouteTest {

    private final AdultSocialCareFileDropRoute drop = new AdultSocialCareFileDropRoute(
            new AdultSocialCareFeedProperties(true, "unused", "lambeth-asc", "lambeth-asc-drop", Duration.ofSeconds(1),
                    Duration.ofSeconds(1)),
            record -> RecordGateway.Outcome.STORED, new FeedRuns() {
                @Override
                public Optional<String> open(String feed) {
                    return Optional.of("run");
                }

                @Override
                public void complete(String runId) {
                }

                @Override
                public void fail(String runId, String reason) {
                }
            });

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = AdultSocialCareFileDropRouteTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /**
     * NHS England's Client Level Data names: {@code LA_Person_Unique_Identifier} for the person, a birth
     * year and month, no event reference.
     */
    @Test
    void readsClientLevelDataUnderNhsEnglandsColumnNames() throws IOException {
        List<String> file = lines("/asc/cld-nhs-england-names.csv");
        List<SourceRecord> rows = file.stream().skip(1).map(row -> drop.replay("run", file.get(0) + "\r\n" + row)).toList();

        assertThat(rows.subList(0, 3)).allSatisfy(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.people()).singleElement().satisfies(p -> {
                assertThat(p.agencyIds()).containsExactly("lambeth-asc:LBL-ASC-40211");
                assertThat(p.nhsNumber()).isEqualTo("9990000018");
                assertThat(p.sex()).isEqualTo(uk.safeguarding.connectors.canonical.PersonRecord.Sex.FEMALE);
            });
        });
        assertThat(rows.subList(0, 3)).extracting(SourceRecord::sourceId).containsExactly(
                "LBL-ASC-40211/Request/2026-05-11", "LBL-ASC-40211/Assessment/2026-05-13",
                "LBL-ASC-40211/Service/2026-06-09/Long Term Support: Community");
        assertThat(rows.get(2).events().get(0).kind()).isEqualTo("care-service");
        assertThat(rows.get(3).problems()).containsExactly("Der_Birth_Month: not a month (1-12)");
    }

    @Test
    void thePartnershipLayoutStillNeedsItsEventReference() {
        String header = String.join(",", AdultSocialCareRowMapper.CLD_COLUMNS);
        SourceRecord r = drop.replay("run", header + "\r\n"
                + "208,ASC1,9990000018,Amina,Okafor,1961-03-02,Female,Service User,Mental Health Support,Service,,"
                + "2026-06-09,,,Long Term Support: Community,Owner occupier or shared ownership scheme,SW2 5SG\r\n");
        assertThat(r.problems()).containsExactly("Event_Reference: missing");
    }
}
