package uk.safeguarding.hub.access;

/**
 * The caller may not read personal data at all for this purpose. The message names the role and
 * purpose, never a subject, so a refusal reveals nothing about what the hub holds.
 */
public class DisclosureRefused extends RuntimeException {

    public DisclosureRefused(String message) {
        super(message);
    }
}
