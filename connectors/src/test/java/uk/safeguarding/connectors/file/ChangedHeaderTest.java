package uk.safeguarding.connectors.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.connectors.childrens.ChildrensFeedProperties;
import uk.safeguarding.connectors.childrens.ChildrensFileDropRoute;
import uk.safeguarding.connectors.housing.HousingFeedProperties;
import uk.safeguarding.connectors.housing.HousingFileDropRoute;
import uk.safeguarding.connectors.socialcare.AdultSocialCareFeedProperties;
import uk.safeguarding.connectors.socialcare.AdultSocialCareFileDropRoute;

/**
 * Every CSV drop names what changed in a header it does not know: the columns of the nearest accepted
 * header that the file lacks and those it has instead (LFB's are in its own test). The file is quarantined
 * whole with that reason, as its bytes.
 */
class ChangedHeaderTest {

    @TempDir
    Path drop;

    private CamelContext camel;
    private final List<SourceRecord> received = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
    }

    private SourceRecord readAlone(RouteBuilder route, String file, String text) throws Exception {
        Files.writeString(drop.resolve(file), text, StandardCharsets.UTF_8);
        camel = new DefaultCamelContext();
        camel.addRoutes(route);
        camel.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == 1);
        assertThat(outcomes).containsExactly("completed");
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.sourceId()).isEqualTo("file:" + file);
            assertThat(r.raw()).isEqualTo(text);
            assertThat(r.received().bytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            assertThat(r.received().encoding()).isEqualTo("UTF-8");
        });
        return received.get(0);
    }

    private RecordGateway gateway() {
        return record -> {
            received.add(record);
            return RecordGateway.Outcome.QUARANTINED;
        };
    }

    private FeedRuns runs() {
        return new FeedRuns() {
            @Override
            public Optional<String> open(String feed) {
                return Optional.of("run-1");
            }

            @Override
            public void complete(String runId) {
                outcomes.add("completed");
            }

            @Override
            public void fail(String runId, String reason) {
                outcomes.add("failed: " + reason);
            }
        };
    }

    @Test
    void housingNamesTheRenamedDateOfBirthColumn() throws Exception {
        SourceRecord file = readAlone(new HousingFileDropRoute(new HousingFeedProperties(true, drop.toString(), "lambeth-housing",
                "lambeth-housing-drop", Duration.ofMillis(200), Duration.ofMillis(300)), gateway(), runs()), "asb.csv", """
                CaseRef,ReceivedDate,Category,ComplainantGivenName,ComplainantFamilyName,ComplainantDOB,ComplainantTenancyRef,\
                PerpetratorGivenName,PerpetratorFamilyName,PerpetratorDateOfBirth,PerpetratorTenancyRef,UPRN,AddressLine,\
                Postcode,BoroughCode,ActionTaken,Status
                ASB-2026-0117,02/10/2026,noise,Amina,Okafor,02/03/1961,T-004417,,,,,100021234,Flat 2 1 Acre Lane,SW2 5SG,\
                E09000022,Warning letter,open
                """);
        assertThat(file.problems()).containsExactly("unknown header: the file is none of [housing ASB complaints, "
                + "housing tenancy events]; nearest is housing ASB complaints: missing [ComplainantDateOfBirth], "
                + "unexpected [ComplainantDOB]");
    }

    @Test
    void adultSocialCareNamesTheNearestClientLevelDataVersion() throws Exception {
        SourceRecord file = readAlone(new AdultSocialCareFileDropRoute(new AdultSocialCareFeedProperties(true, drop.toString(),
                "lambeth-asc", "lambeth-asc-drop", Duration.ofMillis(200), Duration.ofMillis(300)), gateway(), runs()), "cld.csv", """
                LA_Code,LA_Person_ID,NHS_Number,Der_Birth_Year,Der_Birth_Month,Gender,Client_Type,Primary_Support_Reason,\
                Event_Type,Event_Start_Date,Event_End_Date,Event_Outcome,Service_Type,Accommodation_Status
                208,LBL-ASC-40211,9990000018,1958,11,Female,Service User,Mental Health Support,Request,2026-05-11,2026-05-13,\
                Progress to Assessment,,Owner occupier or shared ownership scheme
                """);
        assertThat(file.problems()).containsExactly("unknown header: the file is none of [Client Level Data events, "
                + "s42 safeguarding enquiries]; nearest is Client Level Data events (NHS England Client Level Data names): "
                + "missing [LA_Person_Unique_Identifier], unexpected [LA_Person_ID]");
    }

    @Test
    void ssda903NamesTheMissingAndUnexpectedEpisodeColumns() throws Exception {
        SourceRecord file = readAlone(new ChildrensFileDropRoute(new ChildrensFeedProperties(true, drop.toString(), "lambeth-csc",
                "lambeth-csc-drop", Duration.ofMillis(200), Duration.ofMillis(300)), gateway(), runs()), "episodes.csv", """
                CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_CHANGE,HOME_POST,PL_POST
                203114,03/04/2024,S,V2,N4,U6,PR4,17/06/2024,X1,,SW2 5SG,CR4 1XX
                """);
        assertThat(file.problems()).containsExactly("unknown header: the file is none of [SSDA903 header, SSDA903 episodes]; "
                + "nearest is SSDA903 episodes: missing [REASON_PLACE_CHANGE, URN], unexpected [REASON_CHANGE]");
    }
}
