package uk.safeguarding.hub.security;

import java.util.Collection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/** Bearer tokens only: no sessions, no cookies, so no CSRF surface; 401 without a valid token. */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        // the audit export and checkpoints check the auditor role themselves, and audit refusals
                        .requestMatchers("/graphql", "/audit/export", "/audit/checkpoints", "/cases/*/profile").authenticated()
                        .requestMatchers("/graphiql", "/graphiql/**", "/dev/token", "/actuator/health/**",
                                "/actuator/info", "/error").permitAll()
                        .requestMatchers("/audit/public-keys").permitAll()
                        // metrics name feeds and decisions, never people; still, only the operators read them
                        .requestMatchers("/actuator/prometheus").hasRole("hub-admin")
                        .anyRequest().denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(oauth -> oauth.jwt(Customizer.withDefaults()));
        return http.build();
    }

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
