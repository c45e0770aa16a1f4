package uk.safeguarding.hub.security;

import java.net.URI;
import java.util.Collection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** Bearer tokens only: no sessions, no cookies, so no CSRF surface; 401 without a valid token. */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http, @Value("${hub.console.issuer:}") String consoleIssuer) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // the audit export and checkpoints check the auditor role themselves, and audit refusals
                        .requestMatchers("/graphql", "/audit/export", "/audit/checkpoints", "/cases/*/profile").authenticated()
                        .requestMatchers("/graphiql", "/graphiql/**", "/dev/token", "/actuator/health/**",
                                "/actuator/info", "/error").permitAll()
                        .requestMatchers("/audit/public-keys").permitAll()
                        // the web console's static pages and sign-in settings; everything it shows comes from the API above
                        .requestMatchers(HttpMethod.GET, "/", "/console", "/console/", "/console/**").permitAll()
                        // metrics name feeds and decisions, never people; still, only the operators read them
                        .requestMatchers("/actuator/prometheus").hasRole("hub-admin")
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                        new StaticHeadersWriter("Content-Security-Policy", consolePolicy(consoleIssuer))))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/graphiql/**"),
                        new StaticHeadersWriter("Content-Security-Policy", GRAPHIQL_POLICY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                        PathPatternRequestMatcher.withDefaults().matcher("/cases/*/profile"),
                        new StaticHeadersWriter("Content-Security-Policy", PROFILE_POLICY))))
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults()));
        return http.build();
    }

    /**
     * The console's pages run only their own files: no inline script or style, no other origin, except
     * Keycloak's for exchanging the sign-in code for a token (the sign-in page itself is a navigation).
     */
    static String consolePolicy(String issuer) {
        String keycloak = "";
        if (issuer != null && !issuer.isBlank()) {
            URI uri = URI.create(issuer);
            keycloak = " " + uri.getScheme() + "://" + uri.getAuthority();
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
                + "connect-src 'self'" + keycloak + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    /** The printable case profile (personal data) runs no script at all and takes only the console's style sheet. */
    static final String PROFILE_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'none'; "
            + "base-uri 'none'; frame-ancestors 'none'";

    /**
     * Local mode's GraphiQL runs the hub's own files only (so a page that reached for a CDN would fail its
     * test); GraphiQL sets styles inline and carries its fonts as data URLs.
     */
    static final String GRAPHIQL_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; form-action 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    /** Keycloak's {@code realm_access.roles} become {@code ROLE_<role>} authorities. */
    @Bean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName("preferred_username");
        converter.setJwtGrantedAuthoritiesConverter(realmRoles());
        return converter;
    }

    static Converter<Jwt, Collection<GrantedAuthority>> realmRoles() {
        return jwt -> Callers.realmRoles(jwt).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toList();
    }
}
