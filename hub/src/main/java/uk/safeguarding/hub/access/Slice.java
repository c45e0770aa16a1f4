package uk.safeguarding.hub.access;

import java.util.List;

/** One page of disclosed items; {@code offset} is the position of the first. */
public record Slice<T>(List<T> items, long offset, boolean hasNext) {
}
