package uk.safeguarding.connectors.http;

/**
 * A partner answered with something worth trying again later: 429, 5xx, or a page that did not parse.
 * The message names the page and the status, never the content.
 */
public class PartnerUnavailableException extends RuntimeException {

    public PartnerUnavailableException(String message) {
        super(message);
    }
}
