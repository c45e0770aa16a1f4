package uk.safeguarding.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.LocalHubTest;
import uk.safeguarding.hub.TestRecords;

/**
 * The web console in a real browser (Debian's headless Chromium) against the hub in local mode: each
 * kind of user signs in through the development issuer and walks their main flow, and what the page
 * shows is asserted. Screenshots go to target/screenshots. Without Chromium these tests fail, never skip.
 */
class ConsoleBrowserIT extends LocalHubTest {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private static Chromium chromium;
    private static ChromeDriver browser;

    @Autowired
    RecordGateway gateway;

    @BeforeAll
    static void startChromium() throws IOException {
        chromium = Chromium.start();
        browser = chromium.driver();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopChromium() throws IOException {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** Each page ran under the console's Content-Security-Policy without breaking it. */
    @AfterEach
    void noPolicyViolations(TestInfo test) {
        assertThat(chromium.policyViolations()).as(test.getDisplayName()).isEmpty();
    }

    // --- the flows

    @Test
    void anAnalystFindsAPersonRefersThemScoresTheRiskAndReadsTheProfileWithWithheldItemsAndTheirReasons() throws IOException {
        // a victim the police know, detained under s136 by the trust: the panel may not see its detail without consent
        Resident r = TestRecords.resident(11);
        TestRecords.mentalHealthEncounter(gateway, jdbc, r);
        String subject = jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'slam' and p.local_id = ? and l.status in ('auto', 'confirmed')""")
                .param("PAT-" + r.trueId()).query(String.class).single();

        signInWithTheKeyboard("lambeth.analyst");
        choosePurpose("VVASB_PANEL");
        assertThat(heading()).isEqualTo("Find a person");
        assertAccessible();

        browser.findElement(By.name("name")).sendKeys(r.givenName() + " " + r.familyName());
        setValue(browser.findElement(By.name("dateOfBirth")), r.dateOfBirth().toString());
        browser.findElement(By.cssSelector("form[role=search] button[type=submit]")).click();
        WebElement person = waitFor(By.cssSelector("#search-results a[href='#/subject/" + subject + "']"));
        assertThat(person.getText()).isEqualTo(r.givenName() + " " + r.familyName());
        person.click();

        // the person's page: one lane per agency, the trust's encounter shown as withheld with its reason
        waitFor(By.cssSelector("#timeline-lanes"));
        assertThat(heading()).isEqualTo(r.givenName() + " " + r.familyName());
        assertThat(lane("met-police").getText()).contains("event");
        assertThat(withheldNotes("slam")).anySatisfy(note -> assertThat(note)
                .containsPattern("(?i)summary[^:]* withheld: Consent not asked").contains("agreement lambeth-vvasb-panel", "clause"));
        assertThat(lane("slam").getText()).doesNotContain("Detained under s136");
        assertAccessible();

        // refer her to the panel
        new Select(browser.findElement(By.cssSelector("#refer-form select[name=referringAgency]"))).selectByValue("met-police");
        new Select(browser.findElement(By.cssSelector("#refer-form select[name=category]"))).selectByValue("anti-social-behaviour");
        browser.findElement(By.id("refer-reason")).sendKeys("Repeated ASB against her at home");
        browser.findElement(By.cssSelector("#refer-form button[type=submit]")).click();
        waitFor(By.id("case-summary"));
        String caseId = browser.getCurrentUrl().replaceAll(".*#/case/", "");
        assertThat(text(By.cssSelector("dd[data-test=state]"))).isEqualTo("Referred");

        // the risk matrix: the suggestion, each event's points, then the assessment
        browser.findElement(By.id("suggest-risk")).click();
        assertThat(waitFor(By.id("suggested-level")).getText()).contains("Suggested level", "score", "HIGH from");
        assertThat(browser.findElements(By.cssSelector("#risk-contributions tbody tr"))).isNotEmpty();
        assertThat(text(By.id("risk-contributions"))).containsAnyOf("HISTORY", "history");
        browser.findElement(By.cssSelector("#assess-form input[value=HIGH]")).click();
        browser.findElement(By.id("assess-rationale")).sendKeys("Isolated, and the incidents are escalating");
        assertAccessible();
        screenshot("analyst-risk-matrix");
        browser.findElement(By.cssSelector("#assess-form button[type=submit]")).click();
        waitForText(By.cssSelector("dd[data-test=state]"), "On the panel");
        assertThat(text(By.cssSelector("dd[data-test=risk]"))).isEqualTo("HIGH");
        assertThat(text(By.id("assessments-table"))).contains("Isolated, and the incidents are escalating");

        // the case profile: the gaps, and the timeline with one lane per agency
        browser.findElement(By.id("profile-link")).click();
        waitFor(By.id("gaps-table"));
        assertThat(heading()).isEqualTo("Case profile: " + r.givenName() + " " + r.familyName());
        assertThat(text(By.id("gaps-table"))).contains("met-police", "slam", "lfb", "tfl");
        assertThat(text(By.cssSelector(".marking"))).contains("OFFICIAL-SENSITIVE");
        assertThat(withheldNotes("slam")).anySatisfy(note -> assertThat(note)
                .containsPattern("(?i)summary[^:]* withheld: Consent not asked").contains("clause"));
        assertThat(browser.findElements(By.cssSelector("#timeline-lanes tbody tr.lane")).size()).isGreaterThanOrEqualTo(2);
        assertAccessible();
        Path shot = screenshot("analyst-case-profile");
        Files.createDirectories(SCREENSHOTS.resolve("readme"));
        Files.copy(shot, SCREENSHOTS.resolve("readme/console-case-profile.png"), StandardCopyOption.REPLACE_EXISTING);

        // the printable profile, fetched with the token and shown under the console's own styles
        browser.findElement(By.id("print-link")).click();
        waitFor(By.cssSelector("#profile .marking"));
        assertThat(text(By.cssSelector("#profile .marking"))).contains("OFFICIAL-SENSITIVE", "VVASB_PANEL");
        assertThat(browser.findElements(By.cssSelector("#profile h3")).stream().map(WebElement::getText))
                .contains("met-police", "slam");
        assertThat(text(By.id("profile"))).contains("withheld: ").doesNotContain("Detained under s136");
        screenshot("analyst-printable-profile");
        assertThat(caseId).isNotBlank();
    }

    @Test
    void aChairSchedulesAMeetingFindsTheNewHighRiskCaseOnTheAgendaNamesACaseManagerAndAgreesAnAction() throws IOException {
        Resident r = TestRecords.resident(12);
        String caseId = highRiskCase(subjectOf(r));

        signIn("lambeth.chair");
        choosePurpose("VVASB_PANEL");
        click(By.linkText("Panel meetings"));
        waitFor(By.id("schedule-form"));
        assertAccessible();
        // a day the borough has no meeting yet (other tests schedule theirs)
        LocalDate heldOn = LocalDate.now().plusDays(21);
        while (jdbc.sql("select count(*) from panel_meeting where borough = 'E09000022' and held_on = ?").param(heldOn)
                .query(Integer.class).single() > 0) {
            heldOn = heldOn.plusDays(1);
        }
        setValue(browser.findElement(By.cssSelector("#schedule-form input[name=heldOn]")), heldOn.toString());
        browser.findElement(By.cssSelector("#schedule-form button")).click();
        WebElement onAgenda = waitFor(By.cssSelector("#agenda-new a[href='#/case/" + caseId + "']"));
        assertThat(heading()).startsWith("Panel meeting, ");
        assertThat(onAgenda.getText()).isEqualTo(r.givenName() + " " + r.familyName());
        assertAccessible();
        screenshot("chair-agenda");

        // the panel's decision, with the next review: the case is no longer new on the agenda
        String agenda = browser.getCurrentUrl();
        new Select(browser.findElement(By.cssSelector("#decision-form select[name=caseId]"))).selectByValue(caseId);
        browser.findElement(By.cssSelector("#decision-form textarea[name=decision]"))
                .sendKeys("Housing to fit a door camera; police to patrol the block weekly");
        setValue(browser.findElement(By.cssSelector("#decision-form input[name=nextReviewOn]")), heldOn.plusDays(28).toString());
        browser.findElement(By.cssSelector("#decision-form button")).click();
        waitUntilGone(By.cssSelector("#agenda-new a[href='#/case/" + caseId + "']"));

        browser.get(console() + "#/case/" + caseId);
        waitFor(By.id("appoint-form"));
        assertThat(text(By.id("page"))).contains("Housing to fit a door camera; police to patrol the block weekly");
        assertThat(agenda).contains("#/agenda/");
        waitFor(By.id("appoint-form"));
        WebElement manager = browser.findElement(By.cssSelector("#appoint-form input[name=caseManager]"));
        manager.clear();
        manager.sendKeys("lambeth.casemanager");
        browser.findElement(By.cssSelector("#appoint-form button")).click();
        waitForText(By.id("case-summary"), "lambeth.casemanager");

        browser.findElement(By.cssSelector("#action-form input[name=description]")).sendKeys("Fit a door entry camera");
        browser.findElement(By.cssSelector("#action-form input[name=ownerAgency]")).sendKeys("lambeth-housing");
        setValue(browser.findElement(By.cssSelector("#action-form input[name=dueOn]")), LocalDate.now().plusDays(14).toString());
        browser.findElement(By.cssSelector("#action-form button")).click();
        waitForText(By.id("actions-table"), "Fit a door entry camera");
        assertThat(text(By.id("actions-table"))).contains("lambeth-housing", "open");
        assertAccessible();
        screenshot("chair-case");

        click(By.linkText("Cases"));
        assertThat(waitFor(By.cssSelector("#cases-table a[href='#/case/" + caseId + "']")).getText())
                .isEqualTo(r.givenName() + " " + r.familyName());
    }

    @Test
    void aCaseManagerSeesTheirCasesAndActionsAndIsAlertedWhenAPartnersNewEventConcernsTheirVictim() throws IOException {
        Resident r = TestRecords.resident(13);
        String subject = subjectOf(r);
        String caseId = highRiskCase(subject);
        String chair = client.devToken("lambeth.chair");
        ok(client.query(chair, "mutation($c: ID!) { appointCaseManager(caseId: $c, purpose: VVASB_PANEL, caseManager: "
                + "\"lambeth.casemanager\") { id } }", Map.of("c", caseId)));
        ok(client.query(chair, "mutation($c: ID!, $due: Date!) { addCaseAction(caseId: $c, purpose: VVASB_PANEL, "
                + "description: \"Visit with the housing officer\", ownerAgency: \"lambeth-housing\", dueOn: $due) { id } }",
                Map.of("c", caseId, "due", LocalDate.now().plusDays(10).toString())));

        signIn("lambeth.casemanager");
        choosePurpose("VVASB_PANEL");
        By mine = By.cssSelector("section[data-case='" + caseId + "']");
        waitFor(mine);
        assertThat(heading()).isEqualTo("My cases");
        // the page redraws as the alert stream connects: read it afresh each time
        waitForText(mine, "Visit with the housing officer");
        assertThat(textOf(mine)).contains("lambeth-housing", "HIGH");
        waitFor(By.cssSelector("#alerts-status[data-state=listening]"));
        assertAccessible();

        // the police record an incident in which she is the victim, while the case manager has the page open (the
        // page cannot know when the hub has its subscription in place, so the police record again until it shows)
        for (int attempt = 1; attempt <= 10 && browser.findElements(By.cssSelector("#alerts li")).isEmpty(); attempt++) {
            policeIncident(r, "MPS-CAD-CONSOLE-ALERT-" + attempt);
            try {
                new WebDriverWait(browser, Duration.ofSeconds(3)).until(d -> !d.findElements(By.cssSelector("#alerts li")).isEmpty());
            } catch (org.openqa.selenium.TimeoutException notYet) {
                // the next incident
            }
        }
        waitFor(By.cssSelector("#alerts li"));
        assertThat(textOf(By.id("alerts"))).contains("met-police: incident", "Youths kicking her front door again",
                r.givenName() + " " + r.familyName());
        assertThat(text(By.id("nav"))).containsPattern("My cases\\s*\\d+ new");
        screenshot("case-manager-alert");

        // an action done, from the same page
        click(By.xpath("//section[@data-case='" + caseId + "']//button[starts-with(normalize-space(.), 'Mark done')]"));
        waitForText(By.cssSelector("section[data-case='" + caseId + "'] table"), "done");
    }

    @Test
    void aPartnerAgencySeesItsFeedsReplaysACorrectedRecordAndCannotReachAnotherAgencysFeed() throws IOException {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'met-police-incidents') returning id::text")
                .query(String.class).single();
        String incident = """
                {"reference":"MPS-CAD-CONSOLE-1","persistent_id":"","category":"anti-social-behaviour","month":"2026-10",
                 "datetime":"%s","location":{"street":{"id":1,"name":"On or near Acre Lane"},"postcode":"SW2 5SG"},
                 "borough":"E09000022","people":[{"person_id":"MPS-N900201","role":"Victim","given_name":"Console",
                 "surname":"Tester","date_of_birth":"1970-01-01","gender":"Female"}]}""";
        assertThat(gateway.receive(SourceRecord.unmappable(run, "met-police-incidents", "met-police", "MPS-CAD-CONSOLE-1",
                incident.formatted("the evening of the 3rd"), "datetime: could not be read as OffsetDateTime")))
                .isEqualTo(RecordGateway.Outcome.QUARANTINED);

        signIn("met.contributor");
        WebElement feed = waitFor(By.cssSelector("section[data-feed='met-police-incidents']"));
        assertThat(heading()).isEqualTo("Feeds of met-police");
        assertThat(feed.findElements(By.cssSelector("table.runs tbody tr"))).isNotEmpty();
        assertThat(feed.getText()).contains("completed", "Received", "Quarantined");
        assertThat(browser.findElements(By.cssSelector("section[data-feed]")).stream().map(s -> s.getAttribute("data-feed")))
                .allMatch(id -> id.startsWith("met-"));
        assertThat(text(By.id("page"))).doesNotContain("lfb", "tfl-", "slam");
        assertAccessible();
        screenshot("partner-feeds");

        feed.findElement(By.cssSelector("a[data-quarantine]")).click();
        WebElement record = waitFor(By.cssSelector("section[data-record='MPS-CAD-CONSOLE-1']"));
        assertThat(record.findElement(By.cssSelector("ul.reasons")).getText()).contains("datetime: could not be read as OffsetDateTime");
        WebElement raw = record.findElement(By.tagName("textarea"));
        assertThat(raw.getDomProperty("value")).contains("the evening of the 3rd");
        assertAccessible();
        screenshot("partner-quarantine");
        raw.clear();
        raw.sendKeys(incident.formatted("2026-10-03T19:30:00Z"));
        record.findElement(By.cssSelector("button[data-replay]")).click();
        WebElement outcome = waitFor(By.cssSelector("#replay-result p[data-outcome]"));
        assertThat(outcome.getAttribute("data-outcome")).isEqualTo("STORED");
        assertThat(outcome.getText()).contains("MPS-CAD-CONSOLE-1", "Stored");
        waitUntilGone(By.cssSelector("section[data-record='MPS-CAD-CONSOLE-1']"));

        // another agency's feed, asked for by its code: refused in plain words, nothing of it shown
        browser.get(console() + "#/feeds/lfb-file-drop/quarantine");
        WebElement refusal = waitForVisible(By.id("errors"));
        assertThat(refusal.getText()).contains("There is a problem", "no feed of yours is called 'lfb-file-drop'");
        assertThat(heading()).isEqualTo("This page could not be shown");
        assertThat(browser.findElements(By.cssSelector("section[data-record]"))).isEmpty();
        screenshot("partner-other-agency-refused");
    }

    @Test
    void anAuditorSearchesTheLogReadsTheAccessReportReviewsAnExemptionSeesAnomaliesAndVerifiesTheChain() throws IOException {
        Resident r = TestRecords.resident(14);
        String subject = subjectOf(r);
        String analyst = client.devToken("lambeth.analyst");
        ok(client.query(analyst, "query($s: ID!) { subject(id: $s, purpose: VVASB_PANEL) { familyName } }", Map.of("s", subject)));
        String exemption = ok(client.query(analyst, "mutation($s: ID!) { claimExemption(subjectId: $s, purpose: VVASB_PANEL, "
                + "basis: SAFEGUARDING, justification: \"Threats of self-harm reported tonight\") { id } }", Map.of("s", subject)))
                .path("claimExemption").path("id").asString();
        String consent = ok(client.query(analyst, "mutation($s: ID!) { recordConsent(subjectId: $s, agency: \"slam\", "
                + "purpose: VVASB_PANEL, state: GRANTED, evidence: {kind: SIGNED_FORM, reference: \"CF-2026-0990\", "
                + "date: \"2026-11-30\"}) { id } }", Map.of("s", subject))).path("recordConsent").path("id").asString();

        signIn("hub.auditor");
        waitFor(By.id("audit-filter"));
        assertThat(heading()).isEqualTo("Audit log");
        assertThat(browser.findElements(By.id("purpose-form"))).as("auditors declare no purpose: they see no case data").isEmpty();
        browser.findElement(By.cssSelector("#audit-filter input[name=actor]")).sendKeys("lambeth.analyst");
        browser.findElement(By.cssSelector("#audit-filter input[name=subjectId]")).sendKeys(subject);
        browser.findElement(By.cssSelector("#audit-filter button")).click();
        waitFor(By.cssSelector("#audit-table tbody tr"));
        assertThat(text(By.id("audit-table"))).contains("lambeth.analyst", "claimExemption", "subject", "VVASB_PANEL");
        assertAccessible();
        screenshot("auditor-log");

        // from an entry's subject to who saw that person's data
        browser.findElement(By.cssSelector("#audit-table a[href='#/access-report/" + subject + "']")).click();
        waitFor(By.id("access-table"));
        assertThat(heading()).isEqualTo("Access report");
        assertThat(browser.findElement(By.cssSelector("#access-form input[name=subjectId]")).getDomProperty("value")).isEqualTo(subject);
        assertThat(text(By.id("access-table"))).contains("lambeth.analyst (lambeth-csp)", "VVASB_PANEL", "familyName");
        assertAccessible();
        screenshot("auditor-access-report");

        click(By.linkText("Exemptions"));
        WebElement claim = waitFor(By.cssSelector("section[data-exemption='" + exemption + "']"));
        assertThat(claim.getText()).contains("safeguarding claimed by lambeth.analyst", "Threats of self-harm reported tonight");
        assertAccessible();
        claim.findElement(By.tagName("textarea")).sendKeys("Risk confirmed by the police log");
        claim.findElement(By.xpath(".//button[normalize-space(.)='Uphold']")).click();
        waitUntilGone(By.cssSelector("section[data-exemption='" + exemption + "']"));
        new Select(browser.findElement(By.name("status"))).selectByValue("UPHELD");
        assertThat(waitFor(By.cssSelector("section[data-exemption='" + exemption + "']")).getText())
                .contains("upheld by hub.auditor: Risk confirmed by the police log");

        click(By.linkText("Consents"));
        WebElement granted = waitFor(By.cssSelector("section[data-consent='" + consent + "']"));
        assertThat(granted.getText()).contains("granted for slam, recorded by lambeth.analyst",
                "lambeth.analyst (lambeth-csp, panel-analyst)", "signed form CF-2026-0990, given 2026-11-30", "lambeth-vvasb-panel@");
        assertAccessible();
        granted.findElement(By.tagName("textarea")).sendKeys("No form CF-2026-0990 on the panel file");
        granted.findElement(By.xpath(".//button[normalize-space(.)='Not upheld']")).click();
        waitUntilGone(By.cssSelector("section[data-consent='" + consent + "']"));
        new Select(browser.findElement(By.name("status"))).selectByValue("NOT_UPHELD");
        assertThat(waitFor(By.cssSelector("section[data-consent='" + consent + "']")).getText())
                .contains("not upheld by hub.auditor: No form CF-2026-0990 on the panel file");

        click(By.linkText("Anomalies"));
        waitFor(By.cssSelector("#anomalies-table, #no-anomalies"));
        assertThat(heading()).isEqualTo("Anomalies");
        assertAccessible();

        click(By.linkText("Verify the log"));
        click(By.id("verify"));
        WebElement verdict = waitFor(By.cssSelector("#verify-result p[data-valid]"));
        assertThat(verdict.getAttribute("data-valid")).isEqualTo("true");
        assertThat(verdict.getText()).startsWith("The audit log is intact: ").contains("entries", "signed checkpoints checked");
        assertAccessible();
        screenshot("auditor-verify");
    }

    @Test
    void theConsoleIsServedWithoutATokenUnderAPolicyOfItsOwnFilesOnlyWhileTheApiStaysClosed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(console())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\">").doesNotContain("<script>", "http://", "https://");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
        HttpResponse<String> config = http.send(HttpRequest.newBuilder(URI.create(console() + "config")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.body()).contains("\"signIn\":\"development\"", "lambeth.analyst");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/graphql"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ feeds { id } }\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(401);

        // a token the hub no longer accepts (here: one from before a restart) sends the person back to sign in, in plain words
        signIn("lambeth.analyst");
        browser.executeScript("const s = JSON.parse(sessionStorage.getItem('hubConsole.session')); s.token = s.token.slice(0, -4) + 'AAAA';"
                + "s.purpose = 'VVASB_PANEL'; sessionStorage.setItem('hubConsole.session', JSON.stringify(s));");
        browser.get(console() + "#/cases");
        browser.navigate().refresh();
        assertThat(waitForVisible(By.id("errors")).getText()).contains("Your sign-in has expired or is not valid. Please sign in again.");

        // a person of another role cannot open the analyst's pages by typing their address
        signIn("met.contributor");
        browser.get(console() + "#/search");
        waitFor(By.cssSelector("section[data-feed]"));
        assertThat(heading()).startsWith("Feeds of");
        assertThat(browser.findElements(By.name("name"))).isEmpty();
    }

    // --- signing in

    private String console() {
        return "http://127.0.0.1:" + port + "/console/";
    }

    private void signOutFirst() {
        browser.get(console());
        browser.executeScript("window.sessionStorage.clear();");
        browser.get(console() + "#/");
        browser.navigate().refresh();
    }

    private void signIn(String username) {
        signOutFirst();
        waitFor(By.cssSelector("button[data-username='" + username + "']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !heading().equals("Sign in"));
    }

    /** Tab to the user's sign-in button and press Enter: the console is usable without a mouse, focus visible. */
    private void signInWithTheKeyboard(String username) {
        signOutFirst();
        waitFor(By.cssSelector("button[data-username='" + username + "']"));
        assertAccessible();
        for (int i = 0; i < 40 && !username.equals(browser.switchTo().activeElement().getAttribute("data-username")); i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("data-username")).as("the sign-in button is reached with Tab").isEqualTo(username);
        assertThat(focused.getCssValue("outline-style")).as("focus is visible").isNotEqualTo("none");
        screenshot("sign-in");
        focused.sendKeys(Keys.ENTER);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !heading().equals("Sign in"));
    }

    /** The purpose comes before any personal data: nothing else is on the page until it is chosen. */
    private void choosePurpose(String purpose) {
        waitFor(By.id("purpose-form"));
        assertThat(heading()).isEqualTo("Choose your purpose");
        assertThat(browser.findElements(By.cssSelector("#page table"))).isEmpty();
        assertAccessible();
        browser.findElement(By.cssSelector("#purpose-form input[value=" + purpose + "]")).click();
        browser.findElement(By.cssSelector("#purpose-form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> !heading().equals("Choose your purpose"));
        assertThat(text(By.cssSelector("[data-test=purpose]"))).isNotBlank();
    }

    @Test
    void graphiqlRunsAQueryAsADemoUserFromTheHubsOwnFilesOnly() throws IOException {
        // its Content-Security-Policy allows the hub's own files only: a script from a CDN would not run
        browser.get("http://localhost:" + port + "/graphiql");
        waitFor(By.cssSelector(".graphiql-container"));
        new Select(waitFor(By.cssSelector("#user option[value='lambeth.analyst']")).findElement(By.xpath(".."))).selectByValue("lambeth.analyst");
        waitForText(By.id("status"), "Requests are sent as lambeth.analyst");
        browser.findElement(By.cssSelector("button.graphiql-execute-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "waiting for the answer; the page says: " + pageText())
                .until(d -> text(By.cssSelector(".graphiql-response")).contains("\"givenName\""));
        assertThat(text(By.cssSelector(".graphiql-response"))).contains("\"searchSubjects\"").doesNotContain("\"errors\"");
        screenshot("graphiql");
    }

    @Test
    void aCommissionerReadsTheProtectedTablesAChartFromPublishedCountsOnlyAndDownloadsThemAsCsv() throws IOException {
        // enough people referred this month that the month's count is published (counts of 1 to 9 are withheld)
        int referred = 0;
        for (int i = 30; referred < 12; i++) {
            Resident r = TestRecords.resident(i);
            var subject = jdbc.sql("""
                    select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                    where p.agency = 'met-police' and p.given_name = ? and p.family_name = ? and p.date_of_birth = ?::date
                      and l.status in ('auto', 'confirmed') limit 1""")
                    .params(r.givenName(), r.familyName(), r.dateOfBirth().toString()).query(String.class).optional();
            if (subject.isPresent()) {
                highRiskCase(subject.get());
                referred++;
            }
        }
        signInWithTheKeyboard("lambeth.commissioner");
        click(By.linkText("Panel statistics"));
        waitFor(By.id("table-referralsByMonth"));
        assertThat(heading()).isEqualTo("Panel statistics");
        assertAccessible();
        String method = text(By.id("statistics-method"));
        assertThat(method).isNotBlank();
        for (WebElement caption : browser.findElements(By.cssSelector("table.statistics caption"))) {
            assertThat(caption.getText()).contains("Disclosure control: " + method);
        }
        assertThat(browser.findElements(By.cssSelector("table.statistics"))).hasSize(7);

        // the same figures from the API: each published month is a bar of its count, each withheld month no bar
        String from = browser.findElement(By.cssSelector("#statistics-form input[name=from]")).getAttribute("value");
        String to = browser.findElement(By.cssSelector("#statistics-form input[name=to]")).getAttribute("value");
        JsonNode figures = ok(client.query(client.devToken("lambeth.commissioner"), """
                query($from: Date!, $to: Date!) { panelStatistics(purpose: STATISTICS, from: $from, to: $to) { from to
                  referralsByMonth { rows { label cells { value withheld } } } } }""", Map.of("from", from, "to", to)))
                .path("panelStatistics");
        JsonNode months = figures.path("referralsByMonth").path("rows");
        // figures are for whole quarters: the answer says which, and the page shows and names the file by it
        String firstDay = figures.path("from").asString();
        String lastDay = figures.path("to").asString();
        assertThat(LocalDate.parse(firstDay).getDayOfMonth()).isEqualTo(1);
        assertThat((LocalDate.parse(firstDay).getMonthValue() - 1) % 3).isZero();
        assertThat(browser.findElement(By.id("statistics-heading")).getText()).contains(firstDay, lastDay);
        int published = 0;
        int withheld = 0;
        for (JsonNode month : months) {
            String label = month.path("label").asString();
            JsonNode cell = month.path("cells").path(0);
            List<WebElement> bar = browser.findElements(By.cssSelector("#referrals-by-month-chart rect.bar[data-month='" + label + "']"));
            if (cell.path("withheld").isNull() || cell.path("withheld").isMissingNode()) {
                assertThat(bar).as(label).hasSize(1);
                assertThat(bar.get(0).getAttribute("data-value")).isEqualTo(String.valueOf(cell.path("value").asInt()));
                published += cell.path("value").asInt() > 0 ? 1 : 0;
            } else {
                assertThat(bar).as(label + " is withheld: no bar").isEmpty();
                assertThat(browser.findElements(By.cssSelector(".withheld-mark[data-month='" + label + "']"))).hasSize(1);
                withheld++;
            }
        }
        assertThat(published).as("this month's referrals are published").isPositive();
        assertThat(browser.findElements(By.cssSelector("#referrals-by-month-chart rect.bar"))).hasSize(months.size() - withheld);
        assertThat(browser.findElement(By.id("referrals-by-month-chart")).getAttribute("aria-label")).contains("People referred, by month");

        // the CSV: every table's counts, withheld ones empty with the reason, and the method
        WebElement download = browser.findElement(By.id("statistics-csv"));
        assertThat(download.getAttribute("download")).isEqualTo("panel-statistics-" + firstDay + "-to-" + lastDay + ".csv");
        String href = download.getAttribute("href");
        assertThat(href).startsWith("data:text/csv;charset=utf-8,");
        String csv = java.net.URLDecoder.decode(href.substring(href.indexOf(',') + 1).replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst()).hasValue("table,row,column,count,withheld,method");
        // titles with a comma are quoted, as CSV has it
        assertThat(csv).contains("\"People referred, by month\",", "\"People referred, by source and risk level\",",
                "\"Cases, by state\",");
        assertThat(csv.lines().filter(line -> line.contains(",SMALL_COUNT,") || line.contains(",PROTECTS_ANOTHER,")))
                .allSatisfy(line -> assertThat(line).containsPattern(",,(SMALL_COUNT|PROTECTS_ANOTHER),"));
        screenshot("commissioner-statistics");
    }

    @Test
    void thePurposeListOffersOnlyThePurposesTheUsersAgreementsAllow() {
        for (String user : List.of("lambeth.analyst", "triborough.casemanager")) {
            List<String> allowed = new java.util.ArrayList<>();
            ok(client.query(client.devToken(user), "{ myPurposes }")).path("myPurposes")
                    .forEach(p -> allowed.add(p.asString()));
            allowed.remove("STATISTICS");
            assertThat(allowed).isNotEmpty();
            signIn(user);
            waitFor(By.id("purpose-form"));
            List<String> offered = browser.findElements(By.cssSelector("#purpose-form input[name=purpose]")).stream()
                    .map(input -> input.getAttribute("value")).toList();
            assertThat(offered).as(user).containsExactlyInAnyOrderElementsOf(allowed);
            assertAccessible();
        }
        // the analyst's agreements are the panel's and MARAC's; youth justice is the tri-borough's
        signIn("lambeth.analyst");
        waitFor(By.id("purpose-form"));
        assertThat(browser.findElements(By.cssSelector("#purpose-form input[value=YOUTH_JUSTICE]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#purpose-form input[value=VVASB_PANEL]"))).hasSize(1);
        screenshot("purposes");
    }

    @Test
    void panelMeetingsAreListedFromTheHubInAnyTab() throws IOException {
        LocalDate heldOn = LocalDate.now().plusDays(60);
        while (jdbc.sql("select count(*) from panel_meeting where borough = 'E09000022' and held_on = ?").param(heldOn)
                .query(Integer.class).single() > 0) {
            heldOn = heldOn.plusDays(1);
        }
        String meeting = ok(client.query(client.devToken("lambeth.chair"),
                "mutation($d: Date!) { schedulePanelMeeting(borough: \"E09000022\", heldOn: $d) { id } }",
                Map.of("d", heldOn.toString()))).path("schedulePanelMeeting").path("id").asString();

        // an analyst who never opened it, in a fresh tab, finds it among the coming meetings
        signIn("lambeth.analyst");
        choosePurpose("VVASB_PANEL");
        click(By.linkText("Panel meetings"));
        WebElement link = waitFor(By.cssSelector("#meetings a[href='#/agenda/" + meeting + "']"));
        assertThat(link.findElement(By.xpath("./ancestor::tr")).getText()).contains("E09000022", "lambeth.chair");
        assertThat(browser.findElements(By.id("schedule-form"))).as("only a chair schedules").isEmpty();
        assertAccessible();
        screenshot("panel-meetings");
        link.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> heading().startsWith("Panel meeting, "));
        assertThat(text(By.id("page"))).contains("Borough E09000022; chaired by lambeth.chair.");
    }

    // --- the hub's data, prepared through the API where the flow under test does not

    private String subjectOf(Resident r) {
        return jdbc.sql("""
                select l.subject_id::text from person_record p join subject_link l on l.person_record_id = p.id
                where p.agency = 'met-police' and p.given_name = ? and p.family_name = ? and p.date_of_birth = ?::date
                  and l.status in ('auto', 'confirmed') limit 1""")
                .params(r.givenName(), r.familyName(), r.dateOfBirth().toString()).query(String.class).single();
    }

    /** A case referred by the police and assessed HIGH by the analyst: on the panel. */
    private String highRiskCase(String subject) {
        String analyst = client.devToken("lambeth.analyst");
        String caseId = ok(client.query(analyst, "mutation($s: ID!) { referCase(input: { subjectId: $s, purpose: VVASB_PANEL, "
                + "referringAgency: \"met-police\", source: POLICE, reason: \"Repeated ASB against her at home\", "
                + "category: \"anti-social-behaviour\" }) { id } }", Map.of("s", subject))).path("referCase").path("id").asString();
        ok(client.query(analyst, "mutation($c: ID!) { assessRisk(input: { caseId: $c, purpose: VVASB_PANEL, level: HIGH, "
                + "rationale: \"Isolated, and the incidents are escalating\" }) { state } }", Map.of("c", caseId)));
        return caseId;
    }

    private void policeIncident(Resident r, String reference) {
        String run = jdbc.sql("insert into feed_run (id, feed) values (gen_random_uuid(), 'console-alert-test') returning id::text")
                .query(String.class).single();
        var victim = new PersonRecord("console-victim", r.givenName(), r.familyName(), r.dateOfBirth(), null, null,
                List.of(), List.of(), null, null);
        var incident = new EventRecord(reference, "incident", Instant.now().minusSeconds(1800), "anti-social-behaviour",
                "Youths kicking her front door again", null, EventRecord.Sensitivity.ORDINARY,
                List.of(new EventRecord.Party("console-victim", EventRecord.Role.VICTIM)));
        assertThat(gateway.receiveAll(List.of(new SourceRecord(run, "console-alert-test", "met-police", "incident:" + reference,
                "{\"reference\":\"" + reference + "\"}", List.of(victim), List.of(incident), List.of()))))
                .containsExactly(RecordGateway.Outcome.STORED);
    }

    private static JsonNode ok(Response response) {
        assertThat(response.errors().isEmpty()).as(response.body().toString()).isTrue();
        return response.data();
    }

    // --- the page

    private static WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "waiting for " + by + " on "
                + browser.getCurrentUrl() + "; the page says: " + pageText()).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    private static WebElement waitForVisible(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "waiting to see " + by + "; the page says: "
                + pageText()).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "waiting for '" + text + "' in " + by
                + "; the page says: " + pageText()).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private static void waitUntilGone(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> "waiting for " + by + " to go; the page says: "
                + pageText()).until(d -> d.findElements(by).isEmpty());
    }

    private static String pageText() {
        return browser.findElements(By.tagName("body")).stream().map(WebElement::getText).findFirst().orElse("(no page)");
    }

    /** Clicks what the locator finds once it is there, finding it again if the page redrew meanwhile. */
    private static void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).withMessage(() -> "clicking " + by + "; the page says: "
                        + pageText())
                .until(d -> {
                    d.findElement(by).click();
                    return true;
                });
    }

    /** The text of what the locator finds, found again if the page redrew meanwhile. */
    private static String textOf(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(by).getText());
    }

    private static String text(By by) {
        return browser.findElement(by).getText();
    }

    /** The page's h1, read in one step (pages re-render, so a found element may be replaced at once). */
    private static String heading() {
        Object text = browser.executeScript("const h = document.querySelector('main h1'); return h ? h.innerText.trim() : '';");
        return text == null ? "" : text.toString();
    }

    private static List<String> withheldNotes(String agency) {
        return lane(agency).findElements(By.cssSelector(".withheld")).stream().map(WebElement::getText).toList();
    }

    private static WebElement lane(String agency) {
        return browser.findElement(By.cssSelector("#timeline-lanes tr.lane[data-lane='" + agency + "']"));
    }

    /** Date inputs take their value as the browser's picker would set it. */
    private static void setValue(WebElement input, String value) {
        browser.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                input, value);
    }

    /**
     * WCAG basics the page can be checked for: a language, one h1, a main landmark, a label for every
     * visible control (a label element, aria-label or aria-labelledby), and text contrast.
     */
    @SuppressWarnings("unchecked")
    private static void assertAccessible() {
        Map<String, Object> found = (Map<String, Object>) browser.executeScript("""
                const unlabelled = [...document.querySelectorAll('input, select, textarea, button')]
                  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
                  .filter(el => {
                    if (el.tagName === 'BUTTON') return !el.textContent.trim() && !el.getAttribute('aria-label');
                    if (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')) return false;
                    return !(el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) && !el.closest('label');
                  })
                  .map(el => el.outerHTML.slice(0, 120));
                // WCAG 2.1 contrast (1.4.3): 4.5:1 for text, 3:1 for large text, against the nearest painted background
                const rgb = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                  const p = m[1].split(',').map(parseFloat); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
                const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
                const behind = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                  if (c && c.a > 0.5) return c; } return { r: 255, g: 255, b: 255 }; };
                const lowContrast = [...document.querySelectorAll('body *')]
                  .filter(el => el.offsetParent !== null && !el.closest('.visually-hidden'))
                  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                  .map(el => { const cs = getComputedStyle(el); const a = lum(rgb(cs.color)), b = lum(behind(el));
                    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                    const size = parseFloat(cs.fontSize), large = size >= 24 || (parseInt(cs.fontWeight) >= 700 && size >= 18.66);
                    return ratio < (large ? 3 : 4.5) ? el.tagName + ' ' + ratio.toFixed(2) + ': ' + el.textContent.trim().slice(0, 40) : null; })
                  .filter(Boolean);
                return { lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length,
                         main: document.querySelectorAll('main').length, unlabelled, lowContrast };""");
        assertThat(found.get("lang")).isEqualTo("en-GB");
        assertThat(((Number) found.get("h1")).intValue()).as("one h1 on " + browser.getCurrentUrl()).isEqualTo(1);
        assertThat(((Number) found.get("main")).intValue()).isEqualTo(1);
        assertThat((List<String>) found.get("unlabelled")).as("controls without a label").isEmpty();
        assertThat((List<String>) found.get("lowContrast")).as("text below the WCAG AA contrast ratio").isEmpty();
    }

    /** The whole page, however long (the window grows to it for the shot, up to a limit). */
    private static Path screenshot(String name) {
        Path file = SCREENSHOTS.resolve(name + ".png");
        org.openqa.selenium.Dimension window = browser.manage().window().getSize();
        long height = ((Number) browser.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(window.getWidth(),
                (int) Math.min(Math.max(height + 140, window.getHeight()), 3000)));
        try {
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            browser.manage().window().setSize(window);
        }
        return file;
    }
}
