package uk.safeguarding.hub.casework;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import uk.safeguarding.hub.access.Purpose;

/**
 * The facts statistics count about the panel's cases: no free text, and no caller, because nothing here reaches
 * anyone until statistics have protected the counts made from it.
 */
public interface CaseFacts {

    /** The cases opened under the purpose in the boroughs in [from, until), each with its first referral and latest assessment. */
    List<OpenedCase> opened(Purpose purpose, Collection<String> boroughs, OffsetDateTime from, OffsetDateTime until);

    /** @param risk the latest assessment's level, null before any */
    record OpenedCase(UUID subjectId, String borough, String state, OffsetDateTime openedAt, OffsetDateTime closedAt,
            String source, String category, String risk) {
    }
}
