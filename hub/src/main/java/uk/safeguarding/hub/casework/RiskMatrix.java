package uk.safeguarding.hub.casework;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import uk.safeguarding.hub.access.DisclosedEvent;
import uk.safeguarding.hub.casework.Panel.Contribution;
import uk.safeguarding.hub.casework.Panel.RiskLevel;
import uk.safeguarding.hub.casework.Panel.RiskSuggestion;

/**
 * The panel's risk matrix, as the Lambeth model scores a referral: history (incidents against the person
 * across agencies, how recent, whether escalating), vulnerability (mental health, safeguarding
 * enquiries, children's services, age) and support (services engaged, which lower the risk). It sees
 * only the events handed to it, which are those the assessor may see, so a suggestion never rests on
 * what the assessor cannot check.
 */
final class RiskMatrix {

    /** Kinds of event that are an incident the person suffered (unless they were the one accused). */
    static final Set<String> INCIDENTS = Set.of("crime", "asb-incident", "asb-complaint", "network-safeguarding-report",
            "fire-attendance");
    static final Set<String> ACCUSED = Set.of("OFFENDER", "SUSPECT", "ALLEGED_PERPETRATOR");
    private static final Set<String> MENTAL_HEALTH = Set.of("mental-health-encounter", "risk-flag");
    private static final Set<String> SAFEGUARDING = Set.of("safeguarding-enquiry", "section-47-enquiry", "child-protection-plan",
            "looked-after-episode", "cin-referral");

    /**
     * The thresholds (and the window looked at), set per partnership under {@code hub.casework.risk}.
     *
     * @param mediumFrom score from which a case is MEDIUM risk
     * @param highFrom   score from which a case is HIGH risk, and goes to the panel
     * @param months     how far back incidents count
     */
    @ConfigurationProperties("hub.casework.risk")
    record Settings(@DefaultValue("8") int mediumFrom, @DefaultValue("16") int highFrom, @DefaultValue("12") int months) {
    }

    private final Settings settings;
    private final Clock clock;

    RiskMatrix(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    RiskSuggestion suggest(List<DisclosedEvent> events, LocalDate dateOfBirth) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime since = now.minusMonths(settings.months());
        OffsetDateTime recent = now.minusMonths(3);
        OffsetDateTime before = now.minusMonths(6);
        List<Contribution> contributions = new ArrayList<>();
        int history = 0;
        int vulnerability = 0;
        int support = 0;
        int lastThree = 0;
        int threeBefore = 0;
        int mentalHealth = 0;
        Set<String> incidentAgencies = new HashSet<>();
        Set<String> engaged = new HashSet<>();
        for (DisclosedEvent e : events) {
            if (e.kind() == null || e.occurredAt() == null || e.occurredAt().isBefore(since)) {
                continue;
            }
            if (INCIDENTS.contains(e.kind()) && e.roles().stream().noneMatch(ACCUSED::contains)) {
                boolean isRecent = e.occurredAt().isAfter(recent);
                int points = isRecent ? 3 : 2;
                history += points;
                incidentAgencies.add(e.agency());
                contributions.add(new Contribution("HISTORY", points, e.kind() + " (" + e.agency() + ")"
                        + (isRecent ? ", in the last three months" : ""), e.id(), e.agency()));
                if (isRecent) {
                    lastThree++;
                } else if (e.occurredAt().isAfter(before)) {
                    threeBefore++;
                }
            } else if (MENTAL_HEALTH.contains(e.kind()) && mentalHealth < 2) {
                mentalHealth++;
                vulnerability += 3;
                contributions.add(new Contribution("VULNERABILITY", 3, e.kind() + " (" + e.agency() + ")", e.id(), e.agency()));
            } else if (SAFEGUARDING.contains(e.kind())) {
                vulnerability += 3;
                contributions.add(new Contribution("VULNERABILITY", 3, e.kind() + " (" + e.agency() + ")", e.id(), e.agency()));
            }
            if ((e.kind().startsWith("care-") || e.kind().equals("mental-health-encounter")
                    || e.kind().equals("home-fire-safety-visit")) && engaged.add(e.agency()) && engaged.size() <= 3) {
                support -= 1;
                contributions.add(new Contribution("SUPPORT", -1, "engaged with " + e.agency() + " (" + e.kind() + ")",
                        e.id(), e.agency()));
            }
        }
        if (lastThree > threeBefore && lastThree >= 2) {
            history += 3;
            contributions.add(new Contribution("HISTORY", 3, "escalating: " + lastThree + " incidents in the last three months, "
                    + threeBefore + " in the three before", null, null));
        }
        if (incidentAgencies.size() >= 3) {
            history += 2;
            contributions.add(new Contribution("HISTORY", 2, "incidents known to " + incidentAgencies.size() + " agencies",
                    null, null));
        }
        if (dateOfBirth != null) {
            int age = Period.between(dateOfBirth, LocalDate.now(clock)).getYears();
            if (age >= 75 || age < 18) {
                vulnerability += 2;
                contributions.add(new Contribution("VULNERABILITY", 2, "aged " + (age < 18 ? "under 18" : "75 or over"), null, null));
            }
        }
        int score = history + vulnerability + support;
        RiskLevel level = score >= settings.highFrom() ? RiskLevel.HIGH
                : score >= settings.mediumFrom() ? RiskLevel.MEDIUM : RiskLevel.LOW;
        return new RiskSuggestion(level, score, history, vulnerability, support, settings.mediumFrom(), settings.highFrom(),
                contributions);
    }
}
