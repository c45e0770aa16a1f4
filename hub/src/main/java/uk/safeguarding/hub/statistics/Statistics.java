package uk.safeguarding.hub.statistics;

import java.time.LocalDate;
import java.util.List;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.statistics.disclosure.ProtectedTable;

/**
 * Figures for commissioners and evaluators, with no personal data: people referred to the panel and what
 * became of their cases, as the London Victim and Witness Service reports them. Every table is protected
 * against disclosure of small groups before it leaves this module, by the method it states.
 */
public interface Statistics {

    /**
     * The panel's figures for cases opened in the whole calendar quarters from {@code from} to {@code to}
     * touch (the figures say which), in the caller's boroughs or in one of them; released only under an aggregates-only agreement in force for the
     * purpose that names the caller's agency as a recipient, and audited.
     */
    PanelFigures panel(Caller caller, Purpose purpose, LocalDate from, LocalDate to, String borough);

    record PanelFigures(LocalDate from, LocalDate to, List<String> boroughs, String method, List<String> agreements,
            ProtectedTable bySourceAndRiskLevel, ProtectedTable byCategory, ProtectedTable byBorough,
            ProtectedTable byAgeBand, ProtectedTable byMonth, ProtectedTable takeUp, ProtectedTable byState,
            Outcomes outcomes) {
    }

    /**
     * The panel's outcomes, each figure derived from published counts only, or withheld with why.
     *
     * @param highRiskShare share of assessed cases assessed HIGH
     * @param medianDaysToResolution days from referral to closing, over cases closed
     */
    record Outcomes(ProtectedTable.Entry casesOpened, ProtectedTable.Entry casesClosed, Double highRiskShare,
            Integer medianDaysToResolution, List<String> notes) {
    }
}
