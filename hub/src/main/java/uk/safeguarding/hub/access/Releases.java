package uk.safeguarding.hub.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import uk.safeguarding.hub.access.policy.PolicySet;
import uk.safeguarding.hub.access.policy.PolicySet.Circumstances;
import uk.safeguarding.hub.access.policy.PolicySet.Decision;
import uk.safeguarding.hub.identity.Identities.KnownPerson;
import uk.safeguarding.hub.identity.Identities.SubjectQuery;
import uk.safeguarding.hub.ingest.EventHistory.EventClass;
import uk.safeguarding.hub.ingest.EventHistory.StoredEvent;

/**
 * What one request releases of subjects, events and person records, field by field through its decisions, and how
 * each release is written in the request's audit entry (field names and reasons, never values).
 */
final class Releases {

    /** Seeing that an agency holds an event needs these released; the rest is decided field by field. */
    static final String EXISTENCE = "event.kind";

    private Releases() {
    }

    /** Every field decided for the record's agency, whether it holds a value or not. */
    static DisclosedRecord personRecord(DisclosureRequest request, KnownPerson p, Circumstances facts) {
        List<Withheld> withheld = new ArrayList<>();
        Function<String, Boolean> released = field -> {
            Decision d = request.decide(field, p.agency(), "ORDINARY", facts);
            if (!d.released()) {
                withheld.add(d.withheld());
            }
            return d.released();
        };
        String given = released.apply("subject.givenName") ? p.givenName() : null;
        String family = released.apply("subject.familyName") ? p.familyName() : null;
        LocalDate born = released.apply("subject.dateOfBirth") ? p.dateOfBirth() : null;
        String sex = released.apply("subject.sex") ? p.sex() : null;
        String nhs = released.apply("subject.nhsNumber") ? p.nhsNumber() : null;
        String postcode = released.apply("subject.postcode") ? p.postcode() : null;
        // the partner's reference is the record's own, not the person's: an agreement names it on its own
        String reference = released.apply("personRecord.sourceReference") ? p.sourceReference() : null;
        return new DisclosedRecord(p.id(), p.subjectId(), p.agency(), request.purpose(), given, family, born, sex, nhs,
                postcode, reference, List.copyOf(withheld));
    }

    static List<String> released(DisclosedRecord r) {
        List<String> fields = new ArrayList<>();
        if (r.givenName() != null) fields.add("givenName");
        if (r.familyName() != null) fields.add("familyName");
        if (r.dateOfBirth() != null) fields.add("dateOfBirth");
        if (r.sex() != null) fields.add("sex");
        if (r.nhsNumber() != null) fields.add("nhsNumber");
        if (r.postcode() != null) fields.add("postcode");
        if (r.sourceReference() != null) fields.add("sourceReference");
        return fields;
    }

    static DisclosedSubject subject(DisclosureRequest request, UUID id, List<KnownPerson> known, Circumstances facts) {
        List<Withheld> withheld = new ArrayList<>();
        return new DisclosedSubject(id, request.purpose(),
                field(request, "subject.givenName", known, KnownPerson::givenName, facts, withheld),
                field(request, "subject.familyName", known, KnownPerson::familyName, facts, withheld),
                field(request, "subject.dateOfBirth", known, KnownPerson::dateOfBirth, facts, withheld),
                field(request, "subject.sex", known, KnownPerson::sex, facts, withheld),
                field(request, "subject.nhsNumber", known, KnownPerson::nhsNumber, facts, withheld),
                field(request, "subject.postcode", known, KnownPerson::postcode, facts, withheld),
                List.copyOf(visibleAgencies(request, known, facts)), List.copyOf(withheld));
    }

    /** A subject found by id is shown only if something of theirs is visible, as a search would. */
    static boolean canSee(DisclosedSubject s) {
        return !s.agencies().isEmpty() || s.givenName() != null || s.familyName() != null || s.dateOfBirth() != null;
    }

    /** The newest value the caller may see; if every agency's value is withheld, the first reason. */
    static <T> T field(DisclosureRequest request, String field, List<KnownPerson> known, Function<KnownPerson, T> value,
            Circumstances facts, List<Withheld> withheld) {
        Withheld reason = null;
        for (KnownPerson person : known) {
            T v = value.apply(person);
            if (v == null) {
                continue;
            }
            Decision d = request.decide(field, person.agency(), "ORDINARY", facts);
            if (d.released()) {
                return v;
            }
            if (reason == null) {
                reason = d.withheld();
            }
        }
        if (reason != null) {
            withheld.add(reason);
        }
        return null;
    }

    /**
     * The agencies' classes of records whose existence the caller may learn of: decided for each class,
     * since the fact of a special category record (a mental health encounter, a s42 enquiry) is itself
     * special category data, released only under an agreement with a basis for it.
     */
    static Set<EventClass> visibleClasses(DisclosureRequest request, List<KnownPerson> known, Circumstances facts) {
        Set<EventClass> visible = new HashSet<>();
        for (String agency : new LinkedHashSet<>(known.stream().map(KnownPerson::agency).toList())) {
            for (String sensitivity : PolicySet.RECORD_CLASSES) {
                if (request.decide(EXISTENCE, agency, sensitivity, facts).released()) {
                    visible.add(new EventClass(agency, sensitivity));
                }
            }
        }
        return visible;
    }

    static Set<String> visibleAgencies(DisclosureRequest request, List<KnownPerson> known, Circumstances facts) {
        Set<String> agencies = new TreeSet<>();
        visibleClasses(request, known, facts).forEach(c -> agencies.add(c.agency()));
        return agencies;
    }

    static DisclosedEvent event(DisclosureRequest request, StoredEvent e, Circumstances facts) {
        List<Withheld> withheld = new ArrayList<>();
        Function<String, Boolean> released = field -> {
            Decision d = request.decide(field, e.agency(), e.sensitivity(), facts);
            if (!d.released()) {
                withheld.add(d.withheld());
            }
            return d.released();
        };
        String borough = released.apply("event.borough") ? e.borough() : null;
        List<String> roles = released.apply("event.roles") ? e.roles() : List.of();
        String category = released.apply("event.category") ? e.category() : null;
        String summary = released.apply("event.summary") ? e.summary() : null;
        String location = released.apply("event.location") ? e.locationLine() : null;
        String postcode = released.apply("event.postcode") ? e.postcode() : null;
        // existence (agency, kind, time) was decided when the agencies to read were chosen
        return new DisclosedEvent(e.id(), e.agency(), e.kind(), e.occurredAt(), category, summary, location, postcode,
                borough, e.sensitivity(), roles, List.copyOf(withheld));
    }

    /** A subject as its request's audit entry names it: the fields released and withheld, never their values. */
    static Map<String, Object> audited(DisclosedSubject s) {
        return record("subject", s.id().toString(), released(s), s.withheld());
    }

    /** An event as its request's audit entry names it. */
    static Map<String, Object> audited(DisclosedEvent e) {
        return record("event", e.id().toString(), released(e), e.withheld());
    }

    static Map<String, Object> record(String type, String id, List<String> released, List<Withheld> withheld) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(type, id);
        record.put("released", released);
        record.put("withheld", withheld.stream().map(w -> Map.of("field", w.field(), "reason", w.reason().name())).toList());
        return record;
    }

    /** The names of the subject's fields that carried a value to the caller. */
    static List<String> released(DisclosedSubject s) {
        List<String> fields = new ArrayList<>();
        if (s.givenName() != null) fields.add("givenName");
        if (s.familyName() != null) fields.add("familyName");
        if (s.dateOfBirth() != null) fields.add("dateOfBirth");
        if (s.sex() != null) fields.add("sex");
        if (s.nhsNumber() != null) fields.add("nhsNumber");
        if (s.postcode() != null) fields.add("postcode");
        return fields;
    }

    /** The names of the event's fields released: its existence, and each detail not withheld. */
    static List<String> released(DisclosedEvent e) {
        Set<String> withheld = new java.util.HashSet<>(e.withheld().stream().map(Withheld::field).toList());
        List<String> fields = new ArrayList<>(List.of("agency", "kind", "occurredAt"));
        for (String detail : List.of("borough", "roles", "category", "summary", "location", "postcode")) {
            if (!withheld.contains(detail)) {
                fields.add(detail);
            }
        }
        return fields;
    }

    /**
     * The agencies whose records a search may match: those that release the family name (what a search
     * finds) and every field a criterion is matched on. A criterion never matches a record whose agency
     * withholds that field from the caller, so that search by search no one confirms what they may not see;
     * nor one that releases it only with the subject's consent, or (unless the search is confined to the
     * caller's assigned subjects) only to their assigned case manager.
     */
    static Set<String> searchedProviders(DisclosureRequest request, SubjectQuery q, boolean confinedToAssigned) {
        List<String> fields = new ArrayList<>(List.of("subject.familyName"));
        if (q.name() != null) fields.add("subject.givenName");
        if (q.dateOfBirth() != null) fields.add("subject.dateOfBirth");
        if (q.nhsNumber() != null) fields.add("subject.nhsNumber");
        if (q.postcode() != null) fields.add("subject.postcode");
        Set<String> providers = null;
        for (String field : fields) {
            Set<String> releasing = request.policy().searchableOn(request.caller(), request.purpose(), field, request.today(),
                    confinedToAssigned);
            if (providers == null) {
                providers = new java.util.HashSet<>(releasing);
            } else {
                providers.retainAll(releasing);
            }
        }
        return providers;
    }

    /** Which criteria were used, not their values: the values are personal data. */
    static List<String> criteria(SubjectQuery q) {
        List<String> used = new ArrayList<>();
        if (q.name() != null) used.add("name");
        if (q.dateOfBirth() != null) used.add("dateOfBirth");
        if (q.nhsNumber() != null) used.add("nhsNumber");
        if (q.postcode() != null) used.add("postcode");
        return used;
    }
}
