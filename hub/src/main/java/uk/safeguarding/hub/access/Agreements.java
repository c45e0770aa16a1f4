package uk.safeguarding.hub.access;

import java.time.LocalDate;
import java.util.List;

/** The information sharing agreements in force, and the result of the last attempt to load them. */
public interface Agreements {

    List<AgreementSummary> list();

    /**
     * The purposes worth declaring for this caller: those for which an agreement in force shares personal
     * data with their agency and roles, or (STATISTICS) gives their agency aggregate figures. Says nothing
     * about any subject.
     */
    List<Purpose> purposesFor(Caller caller);

    /** Loads the policy documents again (hub-admin only); the previous set stays if any is wrong. */
    LoadResult reload(Caller caller);

    record AgreementSummary(String id, String title, String version, String status, LocalDate effective,
            LocalDate reviewBy, LocalDate expires, List<String> purposes, List<String> parties, String file,
            String contentHash, int clauses) {
    }

    /** @param notices fields catalogued after an agreement version was first loaded, that it does not release */
    record LoadResult(boolean loaded, List<String> problems, List<String> notices) {
    }
}
