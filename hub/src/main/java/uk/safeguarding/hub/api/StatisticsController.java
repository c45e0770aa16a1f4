package uk.safeguarding.hub.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.security.Callers;
import uk.safeguarding.hub.statistics.Statistics;
import uk.safeguarding.hub.statistics.disclosure.ProtectedTable;
import uk.safeguarding.hub.statistics.disclosure.Suppression;

/** Statistics for commissioners; see schema/statistics.graphqls. Renders tables already protected. */
@Controller
class StatisticsController {

    private final Statistics statistics;

    StatisticsController(Statistics statistics) {
        this.statistics = statistics;
    }

    record Figures(LocalDate from, LocalDate to, List<String> boroughs, String method, List<String> agreements,
            Table referralsBySourceAndRiskLevel, Table referralsByCategory, Table referralsByBorough,
            Table referralsByAgeBand, Table referralsByMonth, Table takeUp, Table casesByState, Outcomes outcomes) {
    }

    record Table(String title, List<String> columnLabels, List<Row> rows, List<Count> columnTotals, Count total) {
    }

    record Row(String label, List<Count> cells, Count total) {
    }

    record Count(Long value, String withheld) {
    }

    record Outcomes(Count casesOpened, Count casesClosed, Double highRiskShare, Integer medianDaysToResolution,
            List<String> notes) {
    }

    @QueryMapping
    Figures panelStatistics(@Argument Purpose purpose, @Argument LocalDate from, @Argument LocalDate to,
            @Argument String borough, @AuthenticationPrincipal Jwt token) {
        Statistics.PanelFigures f = statistics.panel(Callers.from(token), purpose, from, to, borough);
        Statistics.Outcomes o = f.outcomes();
        return new Figures(f.from(), f.to(), f.boroughs(), f.method(), f.agreements(),
                table("People referred, by source and risk level", f.bySourceAndRiskLevel()),
                table("People referred, by category", f.byCategory()),
                table("People referred, by borough", f.byBorough()),
                table("People referred, by age band", f.byAgeBand()),
                table("People referred, by month", f.byMonth()),
                table("Take-up", f.takeUp()),
                table("Cases, by state", f.byState()),
                new Outcomes(count(o.casesOpened()), count(o.casesClosed()), o.highRiskShare(), o.medianDaysToResolution(),
                        o.notes()));
    }

    private static Table table(String title, ProtectedTable t) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < t.rows(); r++) {
            List<Count> cells = new ArrayList<>();
            for (int c = 0; c < t.columns(); c++) {
                cells.add(count(t.cell(r, c)));
            }
            rows.add(new Row(t.rowLabels().get(r), cells, t.isTwoWay() ? count(t.rowTotal(r)) : null));
        }
        List<Count> columnTotals = new ArrayList<>();
        for (int c = 0; t.isTwoWay() && c < t.columns(); c++) {
            columnTotals.add(count(t.columnTotal(c)));
        }
        return new Table(title, t.columnLabels(), rows, columnTotals, count(t.grandTotal()));
    }

    private static Count count(ProtectedTable.Entry e) {
        if (!e.isSuppressed()) {
            return new Count(e.value(), null);
        }
        return new Count(null, e.suppression() == Suppression.PRIMARY ? "SMALL_COUNT" : "PROTECTS_ANOTHER");
    }
}
