package uk.safeguarding.connectors.http;

import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;

/** What a partner's answer to a page request means: a page to read, a wait and retry, a refusal, a link to follow. */
public final class PartnerResponses {

    private PartnerResponses() {
    }

    /**
     * Throws unless the answer is 200. On a retryable one (429, 5xx) sets the delay Camel's redelivery will
     * wait: the partner's Retry-After, capped at {@code maxDelay}, or the back-off's own when it gives none.
     */
    static void requireOk(Exchange e, int page, Duration maxDelay) {
        int status = e.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 429 || status >= 500) {
            Duration wait = retryAfter(e.getIn().getHeader("Retry-After", String.class));
            if (wait != null) {
                e.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.min(wait.toMillis(), maxDelay.toMillis()));
            } else {
                e.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
            }
            throw new PartnerUnavailableException("page " + page + ": HTTP " + status);
        }
        e.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        if (status != 200) {
            // 4xx other than 429 will not heal by retrying: stop the run and say so.
            throw new PartnerRefused("page " + page + ": HTTP " + status);
        }
    }

    /**
     * A next link resolved against the partner's base URL; one pointing at another server is refused,
     * so a partner's page can never send the hub (and its client credentials) elsewhere.
     */
    static String sameServer(String baseUrl, String link, int page) {
        if (link == null) {
            return null;
        }
        URI base = URI.create(baseUrl);
        URI next;
        try {
            next = base.resolve(link.trim());
        } catch (IllegalArgumentException e) {
            throw new PartnerRefused("page " + page + ": the next link is not a URI");
        }
        if (!base.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
                || !base.getHost().equalsIgnoreCase(String.valueOf(next.getHost())) || base.getPort() != next.getPort()) {
            throw new PartnerRefused("page " + page + ": the next link points at another server");
        }
        return next.toString();
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110); null when absent or unreadable. */
    public static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
