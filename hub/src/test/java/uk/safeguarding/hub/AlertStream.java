package uk.safeguarding.hub;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.springframework.integration.channel.AbstractSubscribableChannel;
import org.springframework.messaging.SubscribableChannel;

/** A GraphQL subscription over Server-Sent Events, as a browser's EventSource would hold it open. */
public final class AlertStream implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
    private volatile java.time.Instant endedAt;
    private final CompletableFuture<HttpResponse<Void>> stream;

    /**
     * Subscribes (POST /graphql, Accept: text/event-stream) and waits until the hub has the subscription in
     * place: until one more handler listens on its channel of arriving events ({@code arrivals}).
     */
    public AlertStream(String baseUrl, String token, String subscription, SubscribableChannel arrivals) {
        int before = ((AbstractSubscribableChannel) arrivals).getSubscriberCount();
        String body = "{\"query\":\"" + subscription.replace("\"", "\\\"") + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/graphql"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        stream = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String line) {
                lines.add(line);
            }

            @Override
            public void onError(Throwable t) {
                endedAt = java.time.Instant.now();
                ended.countDown();
            }

            @Override
            public void onComplete() {
                endedAt = java.time.Instant.now();
                ended.countDown();
            }
        }));
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> ((AbstractSubscribableChannel) arrivals).getSubscriberCount() > before);
    }

    /** The first data line that contains {@code text}, or null if none comes within the time. */
    public String await(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data:") && line.contains(text)) {
                return line;
            }
        }
        return null;
    }

    /** When the hub ended the stream, if it did within the time. */
    public java.util.Optional<java.time.Instant> ends(Duration within) throws InterruptedException {
        return ended.await(within.toMillis(), TimeUnit.MILLISECONDS) ? java.util.Optional.of(endedAt) : java.util.Optional.empty();
    }

    @Override
    public void close() {
        stream.cancel(true);
    }
}
