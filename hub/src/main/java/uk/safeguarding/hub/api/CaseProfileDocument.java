package uk.safeguarding.hub.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.DisclosedEvent;
import uk.safeguarding.hub.access.DisclosedSubject;
import uk.safeguarding.hub.access.DisclosureRefused;
import uk.safeguarding.hub.access.Disclosures;
import uk.safeguarding.hub.access.InvalidInput;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.access.Slice;
import uk.safeguarding.hub.access.Withheld;
import uk.safeguarding.hub.casework.Panel;
import uk.safeguarding.hub.security.Callers;

/**
 * The case profile as a printable document for the panel meeting: the same reads as the caseProfile
 * query (the case, the subject, their timeline, the gaps), each through the disclosure decisions and the
 * audit, laid out with one lane per agency and every withheld item shown with its reason.
 */
@RestController
class CaseProfileDocument {

    private static final int MAX_EVENTS = 500;

    private final Panel panel;
    private final Disclosures disclosures;

    CaseProfileDocument(Panel panel, Disclosures disclosures) {
        this.panel = panel;
        this.disclosures = disclosures;
    }

    @GetMapping(path = "/cases/{caseId}/profile", produces = MediaType.TEXT_HTML_VALUE)
    String profile(@PathVariable String caseId, @RequestParam Purpose purpose, @AuthenticationPrincipal Jwt token) {
        Caller caller = Callers.from(token);
        Panel.CaseProfile profile = panel.profile(caller, purpose, AgreementController.id(caseId))
                .orElseThrow(() -> new InvalidInput("caseId: no case of yours has this id"));
        UUID subjectId = profile.panelCase().subjectId();
        DisclosedSubject subject = disclosures.subject(caller, purpose, subjectId).orElse(null);
        List<DisclosedEvent> events = new ArrayList<>();
        Slice<DisclosedEvent> page;
        do {
            page = disclosures.timeline(caller, purpose, subjectId, Set.of(), events.size(), 100);
            events.addAll(page.items());
        } while (page.hasNext() && events.size() < MAX_EVENTS);
        return render(profile, subject, events, page.hasNext(), purpose);
    }

    @ExceptionHandler(DisclosureRefused.class)
    ResponseEntity<String> refused(DisclosureRefused e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    @ExceptionHandler({InvalidInput.class, BadArgument.class})
    ResponseEntity<String> bad(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    private static String render(Panel.CaseProfile profile, DisclosedSubject subject, List<DisclosedEvent> events,
            boolean more, Purpose purpose) {
        Panel.PanelCase c = profile.panelCase();
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en-GB"><head><meta charset="utf-8"><title>Case profile</title>
                <style>
                  body { font-family: Arial, sans-serif; margin: 2em; color: #0b0c0c; }
                  .marking { border: 2px solid #0b0c0c; padding: .5em; font-weight: bold; }
                  table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
                  th, td { border: 1px solid #b1b4b6; padding: .3em .5em; text-align: left; vertical-align: top; }
                  .withheld { color: #505a5f; font-style: italic; }
                  section.lane { page-break-inside: avoid; }
                  @media print { body { margin: 0; } }
                </style></head><body>
                """);
        html.append("<p class=\"marking\">OFFICIAL-SENSITIVE. Personal data shared for ").append(e(purpose.name()))
                .append(" under the partnership's information sharing agreements. Prepared by ").append(e(profile.preparedBy()))
                .append(" at ").append(e(profile.preparedAt().toString()))
                .append("; every read recorded in the hub's audit log. Do not copy or forward.</p>\n");
        html.append("<h1>Case profile</h1>\n<h2>Subject</h2>\n");
        if (subject == null) {
            html.append("<p class=\"withheld\">You may not see this subject under ").append(e(purpose.name())).append(".</p>\n");
        } else {
            html.append("<table>");
            row(html, "Given name", subject.givenName(), "subject.givenName", subject.withheld());
            row(html, "Family name", subject.familyName(), "subject.familyName", subject.withheld());
            row(html, "Date of birth", subject.dateOfBirth() == null ? null : subject.dateOfBirth().toString(),
                    "subject.dateOfBirth", subject.withheld());
            row(html, "NHS number", subject.nhsNumber(), "subject.nhsNumber", subject.withheld());
            row(html, "Postcode", subject.postcode(), "subject.postcode", subject.withheld());
            html.append("</table>\n");
        }
        html.append("<h2>Case</h2>\n<table>");
        cell(html, "State", c.state().name());
        cell(html, "Risk", c.riskLevel() == null ? "not assessed" : c.riskLevel().name());
        cell(html, "Case manager", c.caseManager() == null ? "not named" : c.caseManager());
        cell(html, "Next review", c.reviewDue() == null ? "not set" : c.reviewDue().toString());
        cell(html, "Flags", c.flags().isEmpty() ? "none" : c.flags().toString());
        for (Panel.Referral r : c.referrals()) {
            cell(html, "Referral", r.referringAgency() + " (" + r.source() + "), " + r.referredAt().toLocalDate() + ": " + r.reason()
                    + " [" + r.category() + "]");
        }
        for (Panel.Assessment a : c.assessments()) {
            cell(html, "Risk assessment", a.assessedAt().toLocalDate() + " by " + a.assessedBy() + ": " + a.level()
                    + " (suggested " + a.suggestedLevel() + ", score " + a.suggestedScore() + ")"
                    + (a.rationale() == null ? "" : ". " + a.rationale()));
        }
        html.append("</table>\n<h2>Gaps: what each partner's records show you</h2>\n<table><tr><th>Agency</th><th>Records</th></tr>");
        for (Disclosures.AgencyCoverage g : profile.gaps()) {
            String shown = switch (g.coverage()) {
                case HAS_RECORDS -> g.events() + " events";
                case NO_RECORDS -> "none held";
                case NOT_VISIBLE -> "not shown: " + g.withheld().explanation();
            };
            html.append("<tr><td>").append(e(g.agency())).append("</td><td")
                    .append(g.coverage() == Disclosures.Coverage.NOT_VISIBLE ? " class=\"withheld\"" : "").append(">")
                    .append(e(shown)).append("</td></tr>");
        }
        html.append("</table>\n<h2>Timeline, one lane per agency</h2>\n");
        Map<String, List<DisclosedEvent>> lanes = new TreeMap<>();
        events.forEach(ev -> lanes.computeIfAbsent(ev.agency(), a -> new ArrayList<>()).add(ev));
        for (Map.Entry<String, List<DisclosedEvent>> lane : lanes.entrySet()) {
            html.append("<section class=\"lane\"><h3>").append(e(lane.getKey())).append("</h3><table>")
                    .append("<tr><th>When</th><th>What</th><th>Category</th><th>Summary</th><th>Where</th></tr>");
            for (DisclosedEvent ev : lane.getValue()) {
                html.append("<tr><td>").append(e(ev.occurredAt().toLocalDate().toString())).append("</td><td>").append(e(ev.kind()))
                        .append("</td>");
                value(html, ev.category(), "event.category", ev.withheld());
                value(html, ev.summary(), "event.summary", ev.withheld());
                value(html, ev.location(), "event.location", ev.withheld());
                html.append("</tr>");
            }
            html.append("</table></section>\n");
        }
        if (more) {
            html.append("<p>Only the newest ").append(MAX_EVENTS).append(" events are printed.</p>\n");
        }
        html.append("<h2>Actions</h2>\n<table><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr>");
        for (Panel.Action a : c.actions()) {
            html.append("<tr><td>").append(e(a.description())).append("</td><td>").append(e(a.ownerAgency())).append("</td><td>")
                    .append(e(a.dueOn().toString())).append("</td><td>").append(e(a.status().name() + (a.overdue() ? ", overdue" : "")))
                    .append("</td></tr>");
        }
        html.append("</table>\n<h2>Panel decisions</h2>\n<ul>");
        for (Panel.Decision d : c.decisions()) {
            html.append("<li>").append(e(d.heldOn() + ": " + d.decision() + " (" + d.decidedBy() + ")")).append("</li>");
        }
        return html.append("</ul>\n</body></html>\n").toString();
    }

    private static void row(StringBuilder html, String label, String value, String field, List<Withheld> withheld) {
        html.append("<tr><th>").append(e(label)).append("</th>");
        value(html, value, field, withheld);
        html.append("</tr>");
    }

    private static void cell(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(e(label)).append("</th><td>").append(e(value)).append("</td></tr>");
    }

    /** A released value, or the reason it is withheld (or a dash when there is none). */
    private static void value(StringBuilder html, String value, String field, List<Withheld> withheld) {
        if (value != null) {
            html.append("<td>").append(e(value)).append("</td>");
            return;
        }
        // a withholding names the field without its record type ("summary", not "event.summary")
        String name = field.substring(field.indexOf('.') + 1);
        String why = withheld.stream().filter(w -> w.field().equals(name)).findFirst()
                .map(w -> "withheld: " + w.explanation()).orElse("-");
        html.append("<td class=\"withheld\">").append(e(why)).append("</td>");
    }

    private static String e(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
