package uk.safeguarding.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import uk.safeguarding.connectors.SettingProblem;
import uk.safeguarding.hub.local.RunMode;

/**
 * Local mode's stand-in for Keycloak: {@code POST /dev/token} with form field {@code username} returns a
 * token for that demo user of the realm file, signed with a key made at start-up and shaped as Keycloak
 * shapes its access tokens. Outside local mode none of this exists.
 */
@Configuration
@ConditionalOnProperty(name = "hub.dev-issuer.enabled", havingValue = "true")
class DevIssuer {

    private final RSAKey key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final DemoUsers users;

    DevIssuer(@Value("${hub.dev-issuer.issuer}") String issuer, @Value("${hub.security.audience}") String audience,
            @Value("${hub.dev-issuer.token-lifetime}") Duration lifetime,
            @Value("${hub.dev-issuer.realm-file}") Resource realmFile,
            @Value("${" + RunMode.MODE + ":local}") String mode) throws JOSEException, IOException {
        if (!mode.equals("local")) {
            // RunMode refuses this earlier; this is the last line, should a setting slip past it
            throw new SettingProblem("hub.dev-issuer.enabled", "hub.dev-issuer.enabled=true contradicts server mode: "
                    + "the development issuer never runs beside production settings");
        }
        this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.users = new DemoUsers(realmFile);
    }

    /** Accepts only this issuer's tokens, with the same checks as for Keycloak's: issuer, audience, expiry. */
    @Bean
    JwtDecoder devJwtDecoder() throws JOSEException {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
        OAuth2TokenValidator<Jwt> audienceCheck = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(audience));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                audienceCheck));
        return decoder;
    }

    /** A signed access token for a demo user, or empty if there is no such user. */
    Optional<String> issue(String username) throws JOSEException {
        return issue(username, claims -> { });
    }

    /** The same, with its claims changed first (tests of tokens the hub must refuse though they are signed). */
    Optional<String> issue(String username, java.util.function.Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        var user = username == null ? null : users.find(username).orElse(null);
        if (user == null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.nameUUIDFromBytes(user.username().getBytes(StandardCharsets.UTF_8)).toString())
                .audience(List.of(audience, "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim("typ", "Bearer")
                .claim("azp", "hub-console")
                .claim("scope", "openid profile email")
                .claim("preferred_username", user.username())
                .claim("given_name", user.firstName())
                .claim("family_name", user.lastName())
                .claim("name", user.firstName() + " " + user.lastName())
                .claim("email", user.email())
                .claim("email_verified", true)
                .claim("realm_access", Map.of("roles", user.roles()))
                .claim("boroughs", user.boroughs());
        if (user.agency() != null) {
            claims.claim("agency", user.agency());
        }
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims.build());
        jwt.sign(new RSASSASigner(key));
        return Optional.of(jwt.serialize());
    }

    List<String> usernames() {
        return users.usernames();
    }

    /** The demo users, for the console's local sign-in list (their names, roles and agencies are in the realm file). */
    List<DemoUsers.DemoUser> users() {
        return users.all();
    }

    Duration lifetime() {
        return lifetime;
    }
}
