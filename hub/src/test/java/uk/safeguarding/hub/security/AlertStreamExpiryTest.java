package uk.safeguarding.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.SubscribableChannel;
import uk.safeguarding.hub.AlertStream;
import uk.safeguarding.hub.LocalHubTest;

/** A case manager's alert stream lasts as long as the token it was opened with, not as long as the connection. */
class AlertStreamExpiryTest extends LocalHubTest {

    @Autowired
    DevIssuer issuer;

    @Autowired
    @Qualifier("casework.newEvents") // NewEventsListener.ARRIVALS
    SubscribableChannel arrivals;

    @Test
    void theStreamEndsWhenItsTokenExpires() throws Exception {
        Instant expires = Instant.now().plusSeconds(4);
        String shortLived = issuer.issue("lambeth.analyst", claims -> claims.expirationTime(Date.from(expires))).orElseThrow();
        try (AlertStream alerts = new AlertStream("http://localhost:" + port, shortLived,
                "subscription { caseAlerts(purpose: VVASB_PANEL) { caseId } }", arrivals)) {
            // ended by the hub, without the client closing it, and not before the token expired (to the
            // whole second a JWT's expiry has)
            Instant ended = alerts.ends(Duration.ofSeconds(20)).orElseThrow(() -> new AssertionError("the stream did not end"));
            assertThat(ended).isAfterOrEqualTo(expires.minusSeconds(1));
        }
    }
}
