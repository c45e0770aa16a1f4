package uk.safeguarding.hub;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/** The multi-agency data-sharing hub. With no settings it starts in local mode (see the README). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }

    /**
     * While Redis is away its commands fail at once rather than queue until they time out: every use of it
     * (feed locks, the delivery log, alerts, request counts) has a way to carry on without it, and a
     * request should not wait seconds to find that out.
     */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastWithoutRedis() {
        return builder -> builder.clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }
}
