package uk.safeguarding.hub.access;

/** A request that cannot be carried out as asked; the message names the argument and is safe to show. */
public class InvalidInput extends RuntimeException {

    public InvalidInput(String message) {
        super(message);
    }
}
