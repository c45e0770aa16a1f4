package uk.safeguarding.hub.casework;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.integration.redis.inbound.RedisInboundChannelAdapter;
import uk.safeguarding.hub.ingest.NewEvents;

/** Every hub instance hears of the events any instance keeps (Spring Integration's Redis inbound adapter). */
@Configuration
class NewEventsListener {

    static final String ARRIVALS = "casework.newEvents";

    @Bean(name = ARRIVALS)
    PublishSubscribeChannel newEvents() {
        return new PublishSubscribeChannel();
    }

    @Bean
    RedisInboundChannelAdapter newEventsFromRedis(RedisConnectionFactory redis) {
        RedisInboundChannelAdapter adapter = new RedisInboundChannelAdapter(redis);
        adapter.setTopics(NewEvents.CHANNEL);
        adapter.setSerializer(new StringRedisSerializer());
        adapter.setOutputChannel(newEvents());
        return adapter;
    }
}
