package uk.safeguarding.hub.security;

import com.nimbusds.jose.JOSEException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.safeguarding.hub.local.RunMode;

/**
 * {@code POST /dev/token} (form field {@code username}): local mode only, and only to callers on this
 * machine (local mode listens on 127.0.0.1; should it be told to listen wider, this still answers no one else).
 */
@RestController
@ConditionalOnProperty(name = "hub.dev-issuer.enabled", havingValue = "true")
class DevTokenEndpoint {

    private final DevIssuer issuer;

    DevTokenEndpoint(DevIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping(path = "/dev/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "username", required = false) String username,
            HttpServletRequest request) throws JOSEException {
        if (!RunMode.loopbackPeer(request.getRemoteAddr())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error", "access_denied",
                    "error_description", "the development issuer answers only on this machine"));
        }
        return issuer.issue(username)
                .<ResponseEntity<Map<String, Object>>>map(token -> ResponseEntity.ok(Map.of("access_token", token,
                        "token_type", "Bearer", "expires_in", issuer.lifetime().toSeconds())))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", "invalid_grant",
                        "error_description", "not a demo user; try one of " + issuer.usernames())));
    }
}
