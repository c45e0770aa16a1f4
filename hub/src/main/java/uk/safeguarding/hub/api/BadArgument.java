package uk.safeguarding.hub.api;

/** A malformed argument; the message names the argument and the rule, and is safe to show. */
class BadArgument extends RuntimeException {

    BadArgument(String message) {
        super(message);
    }
}
