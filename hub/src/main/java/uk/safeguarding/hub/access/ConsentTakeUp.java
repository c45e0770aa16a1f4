package uk.safeguarding.hub.access;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Whether people agreed to share, for statistics, which publish it only as counts protected against disclosure. */
public interface ConsentTakeUp {

    /**
     * For each subject with consent recorded under the purpose (read as disclosure reads it): true if any agency's
     * latest record is a grant, false if none is. Subjects never asked are left out.
     */
    Map<UUID, Boolean> given(Collection<UUID> subjects, Purpose purpose);
}
