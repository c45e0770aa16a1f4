package uk.safeguarding.connectors.http;

/** The partner answered with a client error (4xx other than 429), or a page the hub will not follow: retrying will not help. */
final class PartnerRefused extends IllegalStateException {

    PartnerRefused(String message) {
        super(message);
    }
}
