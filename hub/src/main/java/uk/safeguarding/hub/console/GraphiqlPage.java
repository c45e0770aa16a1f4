package uk.safeguarding.hub.console;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * GraphiQL at {@code /graphiql}, local mode only ({@code hub.graphiql.enabled}, set by the run mode). Its
 * page, GraphiQL and React come from the hub's own jar (webjars), so it works offline and behind a
 * council's proxy, where the framework's own GraphiQL page, which loads them from a CDN, does not.
 */
@Configuration
@ConditionalOnProperty(name = "hub.graphiql.enabled", havingValue = "true")
class GraphiqlPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/graphiql/", "/graphiql");
        registry.addViewController("/graphiql").setViewName("forward:/graphiql/index.html");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/graphiql/lib/**").addResourceLocations("classpath:/META-INF/resources/webjars/");
        registry.addResourceHandler("/graphiql/*").addResourceLocations("classpath:/graphiql-page/");
    }
}
