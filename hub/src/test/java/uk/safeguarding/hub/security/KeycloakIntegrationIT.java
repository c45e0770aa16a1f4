package uk.safeguarding.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.hub.GraphQlClient;
import uk.safeguarding.hub.GraphQlClient.Response;
import uk.safeguarding.hub.console.Chromium;

/**
 * The hub as a resource server for a real Keycloak with the repository's realm: tokens from the password
 * grant carry the realm roles and our claims, and the hub honours them. No development issuer here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "hub.dev-issuer.enabled=false",
    "hub.feeds.police.initial-delay=0s",
    // the demo realm's hub-directory service account, through which assigned case managers are checked
    "hub.directory.client-secret=hub-directory-demo-secret"
})
class KeycloakIntegrationIT {

    private static KeycloakServer keycloak;

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) throws Exception {
        if (keycloak == null) {
            keycloak = new KeycloakServer();
            keycloak.start();
        }
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak::issuer);
    }

    @AfterAll
    static void stopKeycloak() {
        if (keycloak != null) {
            keycloak.stop();
            keycloak = null;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    GraphQlClient client;

    @BeforeEach
    void connect() {
        client = new GraphQlClient("http://127.0.0.1:" + port);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "select count(*) from feed_run where status = 'completed'").query(Integer.class).single() > 0);
    }

    private static final String SEARCH = "{ searchSubjects(purpose: VVASB_PANEL, first: 5) { edges { node { id familyName "
            + "timeline(first: 3, agencies: [\"met-police\"]) { edges { node { agency kind } } } } } } }";

    @Test
    void keycloakTokensCarryRealmRolesAgencyAndBoroughs() throws Exception {
        JsonNode claims = payload(keycloak.passwordGrant("triborough.casemanager", "demo"));

        assertThat(claims.path("iss").asString()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("realm_access").path("roles").toString()).contains("case-manager");
        assertThat(claims.path("agency").asString()).isEqualTo("rbkc-csc");
        assertThat(claims.path("boroughs").toString()).contains("E09000020", "E09000013", "E09000033");
        assertThat(claims.path("aud").toString()).contains("hub-api");
    }

    @Test
    void anAnalystWithAKeycloakTokenGetsData() throws Exception {
        Response response = client.query(keycloak.passwordGrant("lambeth.analyst", "demo"), SEARCH);

        assertThat(response.status()).isEqualTo(200);
        JsonNode edges = response.data().path("searchSubjects").path("edges");
        assertThat(edges.size()).isEqualTo(5);
        assertThat(edges.findValuesAsString("agency")).isNotEmpty().containsOnly("met-police");
    }

    @Test
    void anAuditorWithAKeycloakTokenIsForbidden() throws Exception {
        Response response = client.query(keycloak.passwordGrant("hub.auditor", "demo"), SEARCH);

        assertThat(response.errors().get(0).path("extensions").path("classification").asString()).isEqualTo("FORBIDDEN");
        // searchSubjects is non-null in the schema, so the refusal nulls the whole of data
        assertThat(response.data().isNull()).isTrue();
    }

    @Test
    void aTamperedKeycloakTokenIsRefusedWith401() throws Exception {
        String token = keycloak.passwordGrant("hub.auditor", "demo");
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"auditor\"", "\"panel-analyst\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];

        assertThat(client.query(tampered, SEARCH).status()).isEqualTo(401);
    }

    @Test
    void outsideLocalModeThereIsNoDevelopmentTokenEndpoint() {
        assertThat(client.devTokenStatus("lambeth.analyst")).isEqualTo(404);
        Response response = client.query(null, SEARCH);
        assertThat(response.status()).isEqualTo(401);
    }

    /**
     * Outside local mode an assigned case manager is checked against Keycloak's own users, through its Admin
     * REST API as the realm file's hub-directory service account: a made-up name, a real user without the role
     * and a case manager of another partnership are refused; Lambeth's case manager is assigned and then reads.
     */
    @Test
    void anAssignedCaseManagerIsARealKeycloakUserWithTheRoleAtAReceivingAgency() throws Exception {
        String analyst = keycloak.passwordGrant("lambeth.analyst", "demo");
        String subject = null;
        for (JsonNode edge : client.query(analyst, SEARCH).data().path("searchSubjects").path("edges")) {
            if (subject == null && !edge.path("node").path("timeline").path("edges").isEmpty()) {
                subject = edge.path("node").path("id").asString(); // someone the police know
            }
        }
        assertThat(subject).isNotNull();
        String chair = keycloak.passwordGrant("lambeth.chair", "demo");
        String assign = "mutation($s: ID!, $m: String!) { assignCaseManager(subjectId: $s, purpose: VVASB_PANEL, caseManager: $m) "
                + "{ caseManager agreement } }";
        for (String who : java.util.List.of("no-such-user", "lambeth.analyst", "triborough.casemanager")) {
            Response refused = client.query(chair, assign, java.util.Map.of("s", subject, "m", who));
            assertThat(refused.errors().get(0).path("extensions").path("classification").asString()).as(who).isEqualTo("BAD_REQUEST");
            assertThat(refused.errors().get(0).path("message").asString()).as(who).startsWith("caseManager: no user with the "
                    + "case-manager role").endsWith("is called '" + who + "'");
        }
        JsonNode assigned = client.query(chair, assign, java.util.Map.of("s", subject, "m", "lambeth.casemanager")).data()
                .path("assignCaseManager");
        assertThat(assigned.path("agreement").asString()).startsWith("lambeth-vvasb-panel@");

        Response read = client.query(keycloak.passwordGrant("lambeth.casemanager", "demo"), "query($s: ID!) { subject(id: $s, "
                + "purpose: VVASB_PANEL) { id timeline(first: 5, agencies: [\"met-police\"]) { edges { node { agency } } } } }",
                java.util.Map.of("s", subject));
        assertThat(read.data().path("subject").path("timeline").path("edges").findValuesAsString("agency"))
                .isNotEmpty().containsOnly("met-police");
    }

    /**
     * The web console outside local mode: Keycloak's sign-in page through the authorisation code flow
     * with PKCE, back to the console, a purpose, then data from the hub with Keycloak's token; signing out
     * ends the Keycloak session too.
     */
    @Test
    void theConsoleSignsInThroughKeycloakWithTheCodeFlowAndPkce() throws Exception {
        String console = "http://127.0.0.1:" + port + "/console/";
        keycloak.allowConsoleAt(console);
        try (Chromium chromium = Chromium.start()) {
            ChromeDriver browser = chromium.driver();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(console);
            wait.until(ExpectedConditions.elementToBeClickable(By.id("keycloak-sign-in"))).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
            assertThat(browser.getCurrentUrl()).startsWith(keycloak.issuer() + "/protocol/openid-connect/auth")
                    .contains("code_challenge_method=S256", "code_challenge=", "client_id=hub-console");
            browser.findElement(By.id("username")).sendKeys("lambeth.analyst");
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.id("kc-login")).click();

            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("purpose-form")));
            assertThat(browser.getCurrentUrl()).startsWith(console).doesNotContain("code=");
            assertThat(browser.findElement(By.cssSelector("[data-test=username]")).getText()).isEqualTo("lambeth.analyst");
            assertThat((String) browser.executeScript("return JSON.stringify(Object.keys(window.localStorage));")).isEqualTo("[]");
            browser.findElement(By.cssSelector("#purpose-form input[value=VVASB_PANEL]")).click();
            browser.findElement(By.cssSelector("#purpose-form button[type=submit]")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form[role=search] button[type=submit]"))).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-results tbody tr")));
            assertThat(browser.findElements(By.cssSelector("#search-results tbody tr a"))).isNotEmpty();

            browser.findElement(By.xpath("//button[normalize-space(.)='Sign out']")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("keycloak-sign-in")));
            assertThat(browser.getCurrentUrl()).startsWith(console);
            assertThat(chromium.policyViolations()).isEmpty();
        }
    }

    private static JsonNode payload(String jwt) {
        return JsonMapper.builder().build().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
