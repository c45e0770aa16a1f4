package uk.safeguarding.hub.statistics;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.ConsentTakeUp;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.InvalidInput;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.casework.CaseFacts;
import uk.safeguarding.hub.casework.ReferralCategories;
import uk.safeguarding.hub.identity.Identities;
import uk.safeguarding.hub.statistics.disclosure.DisclosureControl;
import uk.safeguarding.hub.statistics.disclosure.FrequencyTable;
import uk.safeguarding.hub.statistics.disclosure.ProtectedTable;
import uk.safeguarding.hub.statistics.disclosure.ProtectedTable.Entry;
import uk.safeguarding.hub.statistics.disclosure.Suppression;

/**
 * Counts people referred to the panel (each case once, by its first referral) and protects every table
 * before it is returned: raw counts never leave this class. Outcomes are derived from published counts
 * only, so that they cannot undo a suppression.
 */
@Service
@EnableConfigurationProperties(PanelStatistics.Settings.class)
class PanelStatistics implements Statistics {

    /**
     * How small cells are protected: cell suppression below {@code threshold} with secondary suppression,
     * or rounding to {@code roundingBase}; {@code maxMonths} bounds a period.
     */
    @ConfigurationProperties("hub.statistics")
    record Settings(@DefaultValue("SUPPRESSION") Method method, @DefaultValue("10") int threshold,
            @DefaultValue("5") int roundingBase, @DefaultValue("36") int maxMonths) {

        enum Method { SUPPRESSION, ROUNDING }

        DisclosureControl control() {
            return method == Method.ROUNDING ? DisclosureControl.rounding(roundingBase)
                    : DisclosureControl.suppression(threshold, false);
        }
    }

    /** Periods, months and ages are London's. */
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final List<String> SOURCES = List.of("POLICE", "SELF", "OTHER_AGENCY");
    private static final List<String> SOURCE_LABELS = List.of("Police", "Self-referral", "Other agency");
    private static final List<String> RISKS = List.of("HIGH", "MEDIUM", "LOW", "NOT_ASSESSED");
    private static final List<String> RISK_LABELS = List.of("High", "Medium", "Low", "Not yet assessed");
    private static final List<String> STATES = List.of("REFERRED", "ON_PANEL", "REFERRED_BACK", "RESOLVED", "CLOSED_RISK_REDUCED");
    private static final List<String> STATE_LABELS = List.of("Referred, awaiting assessment", "On the panel",
            "Referred back to a partner (monitored)", "Resolved", "Closed, risk reduced");
    private static final List<String> TAKE_UP = List.of("ACCEPTED", "DECLINED", "NOT_ASKED");
    private static final List<String> TAKE_UP_LABELS = List.of("Accepted (consent to share given)",
            "Declined (consent refused or withdrawn)", "Not yet asked");
    /** Lower bounds of the age bands, in years at referral. */
    private static final int[] AGE_FROM = {0, 18, 25, 35, 45, 55, 65, 75};
    private static final List<String> AGE_LABELS = List.of("Under 18", "18-24", "25-34", "35-44", "45-54", "55-64",
            "65-74", "75 and over", "Not known");

    /** One case in scope: its first referral, its latest assessment and what it became. */
    private record Case(String borough, String state, OffsetDateTime openedAt, OffsetDateTime closedAt, String source,
            String category, String risk, LocalDate dateOfBirth, String takeUp) {
    }

    private final CaseFacts caseFacts;
    private final Identities identities;
    private final ConsentTakeUp takeUp;
    private final Disclosures disclosures;
    private final Settings settings;

    PanelStatistics(CaseFacts caseFacts, Identities identities, ConsentTakeUp takeUp, Disclosures disclosures,
            Settings settings) {
        this.caseFacts = caseFacts;
        this.identities = identities;
        this.takeUp = takeUp;
        this.disclosures = disclosures;
        this.settings = settings;
    }

    @Override
    @Transactional(noRollbackFor = DisclosureRefused.class)
    public PanelFigures panel(Caller caller, Purpose purpose, LocalDate from, LocalDate to, String borough) {
        if (to.isBefore(from)) {
            throw new InvalidInput("to: the period ends before it starts");
        }
        // whole calendar quarters only: the period asked for is widened to the quarters it touches
        LocalDate first = quarter(from);
        LocalDate last = quarter(to).plusMonths(3).minusDays(1);
        if (ChronoUnit.MONTHS.between(YearMonth.from(first), YearMonth.from(last)) >= settings.maxMonths()) {
            throw new InvalidInput("to: a period covers at most " + settings.maxMonths() + " months");
        }
        if (borough != null && !caller.boroughs().contains(borough)) {
            throw new InvalidInput("borough: you do not work in " + borough);
        }
        List<String> boroughs = borough != null ? List.of(borough) : List.copyOf(new TreeSet<>(caller.boroughs()));
        DisclosureControl control = settings.control();
        String method = control.statement() + ". " + PARTS;
        Map<String, Object> published = new LinkedHashMap<>();
        published.put("from", first.toString());
        published.put("to", last.toString());
        published.put("boroughs", boroughs);
        published.put("method", method);
        // admitted (and the release audited) before anything is counted
        List<String> agreements = disclosures.releaseAggregates(caller, purpose, "panelStatistics", published);

        List<Case> cases = cases(boroughs, first, last);
        List<Tables> parts = new ArrayList<>();
        for (String b : boroughs) {
            for (LocalDate q = first; q.isBefore(last); q = q.plusMonths(3)) {
                LocalDate start = q;
                parts.add(protect(control, b, q, cases.stream().filter(c -> c.borough().equals(b) && quarter(opened(c)).equals(start))
                        .toList()));
            }
        }
        ProtectedTable bySourceAndRisk = sum(parts, Tables::bySourceAndRisk, method);
        ProtectedTable byState = sum(parts, Tables::byState, method);
        return new PanelFigures(first, last, boroughs, method, agreements, bySourceAndRisk,
                sum(parts, Tables::byCategory, method), sum(parts, Tables::byBorough, method),
                sum(parts, Tables::byAge, method), sum(parts, Tables::byMonth, method), sum(parts, Tables::takeUp, method),
                byState, outcomes(cases, bySourceAndRisk, byState));
    }

    static final String PARTS = "Published for whole calendar quarters. Each borough's quarter is protected on its own,"
            + " and a figure for several quarters or boroughs is the sum of theirs, withheld where any of them is,"
            + " so that one answer subtracted from another reveals nothing withheld";

    /** The tables of one borough's quarter, each protected as if it were published alone. */
    private record Tables(ProtectedTable bySourceAndRisk, ProtectedTable byCategory, ProtectedTable byBorough,
            ProtectedTable byAge, ProtectedTable byMonth, ProtectedTable takeUp, ProtectedTable byState) {
    }

    private Tables protect(DisclosureControl control, String borough, LocalDate quarter, List<Case> cases) {
        // every catalogued category, whatever the counts; a category no longer catalogued counts as other
        List<String> categories = ReferralCategories.ALL.stream().map(ReferralCategories.Category::code).toList();
        List<String> categoryLabels = ReferralCategories.ALL.stream().map(ReferralCategories.Category::label).toList();
        Function<Case, String> category = c -> ReferralCategories.find(c.category()).isPresent() ? c.category() : "other";
        List<String> months = List.of(0, 1, 2).stream().map(m -> YearMonth.from(quarter.plusMonths(m)).toString()).toList();
        return new Tables(
                control.protect(twoWay(cases, SOURCES, SOURCE_LABELS, Case::source, RISKS, RISK_LABELS,
                        c -> c.risk() == null ? "NOT_ASSESSED" : c.risk())),
                control.protect(oneWay(cases, categories, categoryLabels, category)),
                control.protect(oneWay(cases, List.of(borough), null, Case::borough)),
                control.protect(oneWay(cases, AGE_LABELS, null, this::ageBand)),
                control.protect(oneWay(cases, months, null, c -> YearMonth.from(opened(c)).toString())),
                control.protect(oneWay(cases, TAKE_UP, TAKE_UP_LABELS, c -> c.takeUp() == null ? "NOT_ASKED" : c.takeUp())),
                control.protect(oneWay(cases, STATES, STATE_LABELS, Case::state)));
    }

    private static ProtectedTable sum(List<Tables> parts, Function<Tables, ProtectedTable> table, String method) {
        return ProtectedTable.sum(parts.stream().map(table).toList(), method);
    }

    private static LocalDate quarter(LocalDate day) {
        return day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
    }

    private static LocalDate opened(Case c) {
        return c.openedAt().atZoneSameInstant(LONDON).toLocalDate();
    }

    /**
     * The panel's cases opened in the period, through the modules that own them: casework's facts, the date of birth
     * most of the subject's records give (identity), and whether they agreed to share (access).
     */
    private List<Case> cases(List<String> boroughs, LocalDate from, LocalDate to) {
        List<CaseFacts.OpenedCase> opened = caseFacts.opened(Purpose.VVASB_PANEL, boroughs,
                from.atStartOfDay(LONDON).toOffsetDateTime(), to.plusDays(1).atStartOfDay(LONDON).toOffsetDateTime());
        List<UUID> subjects = opened.stream().map(CaseFacts.OpenedCase::subjectId).distinct().toList();
        Map<UUID, List<Identities.KnownPerson>> records = identities.records(subjects);
        Map<UUID, Boolean> consented = takeUp.given(subjects, Purpose.VVASB_PANEL);
        return opened.stream().map(c -> {
            Boolean given = consented.get(c.subjectId());
            return new Case(c.borough(), c.state(), c.openedAt(), c.closedAt(), c.source(), c.category(), c.risk(),
                    commonestDateOfBirth(records.getOrDefault(c.subjectId(), List.of())),
                    given == null ? null : given ? "ACCEPTED" : "DECLINED");
        }).toList();
    }

    /** The date of birth most of the records give; of equally common ones, the earliest. */
    private static LocalDate commonestDateOfBirth(List<Identities.KnownPerson> records) {
        return records.stream().map(Identities.KnownPerson::dateOfBirth).filter(java.util.Objects::nonNull)
                .collect(java.util.stream.Collectors.groupingBy(d -> d, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.<LocalDate, Long>comparingByValue()
                        .thenComparing(java.util.Map.Entry.<LocalDate, Long>comparingByKey().reversed()))
                .map(java.util.Map.Entry::getKey).orElse(null);
    }

    private String ageBand(Case c) {
        if (c.dateOfBirth() == null) {
            return AGE_LABELS.get(AGE_LABELS.size() - 1);
        }
        int age = Period.between(c.dateOfBirth(), c.openedAt().atZoneSameInstant(LONDON).toLocalDate()).getYears();
        int band = 0;
        while (band + 1 < AGE_FROM.length && age >= AGE_FROM[band + 1]) {
            band++;
        }
        return AGE_LABELS.get(band);
    }

    private Outcomes outcomes(List<Case> cases, ProtectedTable bySourceAndRisk, ProtectedTable byState) {
        List<String> notes = new ArrayList<>();
        Entry resolved = byState.cell(STATES.indexOf("RESOLVED"));
        Entry reduced = byState.cell(STATES.indexOf("CLOSED_RISK_REDUCED"));
        Entry closed = resolved.isSuppressed() || reduced.isSuppressed() ? new Entry(null, Suppression.SECONDARY)
                : new Entry(resolved.value() + reduced.value(), null);
        if (closed.isSuppressed()) {
            notes.add("Cases closed: withheld, because a part of it is suppressed in cases by state.");
        }
        Entry high = bySourceAndRisk.columnTotal(RISKS.indexOf("HIGH"));
        Entry unassessed = bySourceAndRisk.columnTotal(RISKS.indexOf("NOT_ASSESSED"));
        Entry all = bySourceAndRisk.grandTotal();
        Double highShare = null;
        if (high.isSuppressed() || unassessed.isSuppressed() || all.isSuppressed()) {
            notes.add("High-risk share: withheld, because the counts it is made from are suppressed.");
        } else if (all.value() - unassessed.value() <= 0) {
            notes.add("High-risk share: no case in the period has been assessed.");
        } else {
            highShare = Math.round(1000.0 * high.value() / (all.value() - unassessed.value())) / 1000.0;
        }
        List<Long> days = cases.stream().filter(c -> c.closedAt() != null)
                .map(c -> ChronoUnit.DAYS.between(c.openedAt(), c.closedAt())).sorted().toList();
        Integer median = null;
        if (days.size() < settings.threshold()) {
            notes.add("Median days to resolution: withheld, because fewer than " + settings.threshold()
                    + " cases in the period have closed.");
        } else {
            int mid = days.size() / 2;
            median = (int) (days.size() % 2 == 1 ? days.get(mid) : Math.round((days.get(mid - 1) + days.get(mid)) / 2.0));
        }
        return new Outcomes(byState.grandTotal(), closed, highShare, median, notes);
    }

    /** @param labels what each category is called when published (null: the categories themselves) */
    private static FrequencyTable oneWay(List<Case> cases, List<String> categories, List<String> labels,
            Function<Case, String> category) {
        long[] counts = new long[categories.size()];
        for (Case c : cases) {
            int i = categories.indexOf(category.apply(c));
            if (i >= 0) {
                counts[i]++;
            }
        }
        return FrequencyTable.oneWay(labels == null ? categories : labels, counts);
    }

    private static FrequencyTable twoWay(List<Case> cases, List<String> rows, List<String> rowLabels,
            Function<Case, String> row, List<String> columns, List<String> columnLabels, Function<Case, String> column) {
        long[][] counts = new long[rows.size()][columns.size()];
        for (Case c : cases) {
            int r = rows.indexOf(row.apply(c));
            int k = columns.indexOf(column.apply(c));
            if (r >= 0 && k >= 0) {
                counts[r][k]++;
            }
        }
        return FrequencyTable.twoWay(rowLabels, columnLabels, counts);
    }
}
