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
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
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
@Controller
class CaseProfileDocument {

    private static final int MAX_EVENTS = 500;

    private final Panel panel;
    private final Disclosures disclosures;

    CaseProfileDocument(Panel panel, Disclosures disclosures) {
        this.panel = panel;
        this.disclosures = disclosures;
    }

    @GetMapping(path = "/cases/{caseId}/profile", produces = MediaType.TEXT_HTML_VALUE)
    String profile(@PathVariable String caseId, @RequestParam Purpose purpose, @AuthenticationPrincipal Jwt token,
            Model model) {
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
        fill(model, profile, subject, events, page.hasNext(), purpose);
        return "case-profile";
    }

    @ExceptionHandler(DisclosureRefused.class)
    ResponseEntity<String> refused(DisclosureRefused e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    @ExceptionHandler({InvalidInput.class, BadArgument.class})
    ResponseEntity<String> bad(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
    }

    /** A value as printed: released, or the reason it is withheld. */
    public record Shown(String text, boolean withheld) {
    }

    public record Row(String label, Shown value) {
    }

    public record EventRow(String when, String kind, List<Shown> cells) {
    }

    public record Lane(String agency, List<EventRow> events) {
    }

    private static void fill(Model model, Panel.CaseProfile profile, DisclosedSubject subject, List<DisclosedEvent> events,
            boolean more, Purpose purpose) {
        Panel.PanelCase c = profile.panelCase();
        model.addAttribute("purpose", purpose.name());
        model.addAttribute("preparedBy", profile.preparedBy());
        model.addAttribute("preparedAt", profile.preparedAt().toString());
        model.addAttribute("subject", subject == null ? null : List.of(
                new Row("Given name", shown(subject.givenName(), "subject.givenName", subject.withheld())),
                new Row("Family name", shown(subject.familyName(), "subject.familyName", subject.withheld())),
                new Row("Date of birth", shown(subject.dateOfBirth() == null ? null : subject.dateOfBirth().toString(),
                        "subject.dateOfBirth", subject.withheld())),
                new Row("NHS number", shown(subject.nhsNumber(), "subject.nhsNumber", subject.withheld())),
                new Row("Postcode", shown(subject.postcode(), "subject.postcode", subject.withheld()))));
        List<Row> caseRows = new ArrayList<>(List.of(
                plain("State", c.state().name()),
                plain("Risk", c.riskLevel() == null ? "not assessed" : c.riskLevel().name()),
                plain("Case manager", c.caseManager() == null ? "not named" : c.caseManager()),
                plain("Next review", c.reviewDue() == null ? "not set" : c.reviewDue().toString()),
                plain("Flags", c.flags().isEmpty() ? "none" : c.flags().toString())));
        for (Panel.Referral r : c.referrals()) {
            caseRows.add(plain("Referral", r.referringAgency() + " (" + r.source() + "), " + r.referredAt().toLocalDate() + ": "
                    + shown(r.reason(), "case.reason", c.withheld()).text() + " [" + r.category() + "]"));
        }
        for (Panel.Assessment a : c.assessments()) {
            caseRows.add(plain("Risk assessment", a.assessedAt().toLocalDate() + " by " + a.assessedBy() + ": " + a.level()
                    + " (suggested " + a.suggestedLevel() + ", score " + a.suggestedScore() + ")"
                    + (a.rationale() == null && !withholds(c, "rationale") ? ""
                            : ". " + shown(a.rationale(), "case.rationale", c.withheld()).text())));
        }
        model.addAttribute("caseRows", caseRows);
        model.addAttribute("gaps", profile.gaps().stream().map(g -> new Row(g.agency(), switch (g.coverage()) {
            case HAS_RECORDS -> new Shown(g.events() + " events", false);
            case NO_RECORDS -> new Shown("none held", false);
            case NOT_VISIBLE -> new Shown("not shown: " + g.withheld().explanation(), true);
        })).toList());
        Map<String, List<EventRow>> lanes = new TreeMap<>();
        for (DisclosedEvent ev : events) {
            lanes.computeIfAbsent(ev.agency(), a -> new ArrayList<>()).add(new EventRow(ev.occurredAt().toLocalDate().toString(),
                    ev.kind(), List.of(shown(ev.category(), "event.category", ev.withheld()),
                            shown(ev.summary(), "event.summary", ev.withheld()),
                            shown(ev.location(), "event.location", ev.withheld()))));
        }
        model.addAttribute("lanes", lanes.entrySet().stream().map(l -> new Lane(l.getKey(), l.getValue())).toList());
        model.addAttribute("more", more);
        model.addAttribute("maxEvents", MAX_EVENTS);
        model.addAttribute("actions", c.actions().stream().map(a -> List.of(
                shown(a.description(), "case.description", c.withheld()).text(), a.ownerAgency(),
                a.dueOn().toString(), a.status().name() + (a.overdue() ? ", overdue" : ""))).toList());
        model.addAttribute("decisions", c.decisions().stream()
                .map(d -> d.heldOn() + ": " + shown(d.decision(), "case.decision", c.withheld()).text()
                        + " (" + d.decidedBy() + ")").toList());
    }

    private static boolean withholds(Panel.PanelCase c, String field) {
        return c.withheld().stream().anyMatch(w -> w.field().equals(field));
    }

    private static Row plain(String label, String value) {
        return new Row(label, new Shown(value, false));
    }

    /** A released value, or the reason it is withheld (or a dash when there is none). */
    private static Shown shown(String value, String field, List<Withheld> withheld) {
        if (value != null) {
            return new Shown(value, false);
        }
        // a withholding names the field without its record type ("summary", not "event.summary")
        String name = field.substring(field.indexOf('.') + 1);
        return withheld.stream().filter(w -> w.field().equals(name)).findFirst()
                .map(w -> new Shown("withheld: " + w.explanation(), true)).orElse(new Shown("-", true));
    }
}
