package uk.safeguarding.populations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Party;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;
import uk.safeguarding.simulators.Recording;
import uk.safeguarding.simulators.Recording.Agency;
import uk.safeguarding.simulators.Recording.Recorded;
import uk.safeguarding.simulators.SyntheticLondon;
import uk.safeguarding.simulators.SyntheticLondon.Resident;
import uk.safeguarding.simulators.ChildrensSocialCareSimulator;
import uk.safeguarding.simulators.PoliceApiSimulator;
import uk.safeguarding.simulators.Simulators;

/**
 * A long stream of canonical records across the partner agencies, as their connectors map them (the
 * same local ids, agency ids, event kinds and sensitivity), each labelled with the true ids of its
 * people: for ingest throughput benchmarks and for scoring identity resolution. Record {@code i} is
 * made from the seed and {@code i} alone, and its people from their household's index, so a million
 * records stream in constant memory. People are recorded with the same variations as the simulators'.
 */
public final class LabelledRecords {

    /** A record and, for each of its people, by local id, the true id of who they are. */
    public record LabelledRecord(SourceRecord record, Map<String, String> trueIdByLocalPersonId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2025-05-01T00:00:00Z");
    private static final int SECONDS = 548 * 24 * 3600;
    /** One household in five is among the vulnerable households most records are about. */
    private static final int VULNERABLE_EVERY = 5;

    /** What a record is, in the proportions of {@link Simulators#PER_THOUSAND_PEOPLE}. */
    private enum Kind { POLICE, TFL, LFB_INCIDENT, LFB_VISIT, COMPLAINT, TENANCY, CARE_EVENT, ENQUIRY, MENTAL_HEALTH, CHILD }

    private static final int[] WEIGHTS;

    static {
        Simulators.Volumes v = Simulators.PER_THOUSAND_PEOPLE;
        // each patient has two or three encounters and flags, each a record
        WEIGHTS = new int[] {v.policeIncidents(), v.tflReports(), v.lfbIncidents(), v.lfbVisits(), v.housingComplaints(),
            v.tenancyEvents(), v.careEvents(), v.safeguardingEnquiries(), v.mentalHealthPatients() * 7 / 3, v.childrenInNeed()};
    }

    private final long seed;
    private final long households;

    private LabelledRecords(long seed, long n) {
        this.seed = seed;
        // as many people as the simulators would have for this many records, in households of about 2.4
        long records = 0;
        for (int w : WEIGHTS) {
            records += w;
        }
        long people = Math.max(1000, n * 1000 / records);
        this.households = Math.max(VULNERABLE_EVERY * 10, people * 10 / 24);
    }

    /** {@code n} labelled records, in order; deterministic for the seed. */
    public static Stream<LabelledRecord> stream(long seed, long n) {
        LabelledRecords maker = new LabelledRecords(seed, n);
        return LongStream.range(0, n).mapToObj(maker::record);
    }

    LabelledRecord record(long i) {
        Random random = new Random(SyntheticLondon.mix(seed, 9, i));
        Instant at = START.plusSeconds(random.nextInt(SECONDS));
        return switch (kind(random)) {
            case POLICE -> police(i, random, at);
            case TFL -> tfl(i, random, at);
            case LFB_INCIDENT -> fireIncident(i, random, at);
            case LFB_VISIT -> visit(i, random, at);
            case COMPLAINT -> complaint(i, random, at);
            case TENANCY -> tenancy(i, random, at);
            case CARE_EVENT -> care(i, random, at, false);
            case ENQUIRY -> care(i, random, at, true);
            case MENTAL_HEALTH -> mentalHealth(i, random, at);
            case CHILD -> child(i, random, at);
        };
    }

    private static Kind kind(Random random) {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int k = 0; k < WEIGHTS.length; k++) {
            roll -= WEIGHTS[k];
            if (roll < 0) {
                return Kind.values()[k];
            }
        }
        return Kind.POLICE;
    }

    /** An adult: from a vulnerable household {@code vulnerablePercent} of the time, else anyone. */
    private Resident adult(Random random, int vulnerablePercent) {
        long h = random.nextInt(100) < vulnerablePercent
                ? VULNERABLE_EVERY * (long) random.nextInt((int) (households / VULNERABLE_EVERY))
                : (long) (random.nextDouble() * households);
        List<Resident> adults = SyntheticLondon.household(seed, h).members().stream().filter(r -> !r.isChild()).toList();
        return adults.get(random.nextInt(adults.size()));
    }

    private Resident child(Random random) {
        while (true) {
            long h = VULNERABLE_EVERY * (long) random.nextInt((int) (households / VULNERABLE_EVERY))
                    + (random.nextInt(3) == 0 ? 1 + random.nextInt(VULNERABLE_EVERY - 1) : 0);
            List<Resident> children = SyntheticLondon.household(seed, h).members().stream().filter(Resident::isChild).toList();
            if (!children.isEmpty()) {
                return children.get(random.nextInt(children.size()));
            }
        }
    }

    private LabelledRecord police(long i, Random random, Instant at) {
        boolean asb = random.nextInt(100) < 45;
        String reference = String.format("MPS-CAD-%09d", i);
        Resident victim = adult(random, 60);
        Resident other = adult(random, 0);
        Builder b = new Builder(Agency.MET_POLICE, "met-police-incidents", reference);
        b.police(victim, Role.VICTIM, false);
        if (random.nextInt(3) > 0 && !other.trueId().equals(victim.trueId())) {
            b.police(other, asb ? Role.SUSPECT : random.nextBoolean() ? Role.OFFENDER : Role.SUSPECT, true);
        }
        String category = asb ? "anti-social-behaviour" : SyntheticLondon.pick(random, new String[] {"violent-crime",
            "criminal-damage-arson", "public-order", "burglary", "theft-from-the-person", "robbery", "drugs"});
        return b.event(reference, asb ? "asb-incident" : "crime", at, category, "Incident - " + category,
                new Address(null, victim.postcode(), victim.uprn(), SyntheticLondon.LAMBETH),
                asb ? Sensitivity.ORDINARY : Sensitivity.CRIMINAL_OFFENCE);
    }

    private LabelledRecord tfl(long i, Random random, Instant at) {
        String id = String.format("TFL-SR-%09d", i);
        Resident r = adult(random, 70);
        Builder b = new Builder(Agency.TFL, "tfl-safeguarding-reports", id);
        Recorded rec = Recording.asRecordedBy(r, Agency.TFL, random);
        boolean harm = random.nextBoolean();
        b.person(id + "/person", rec, null, List.of(), null, harm ? Role.VULNERABLE_PERSON : Role.VICTIM);
        return b.event(id, "network-safeguarding-report", at, harm ? "welfare concern" : "harassment",
                "Report by station staff", new Address("Brixton Underground Station (victoria line)", null, null,
                        SyntheticLondon.LAMBETH), harm ? Sensitivity.SPECIAL_CATEGORY : Sensitivity.ORDINARY);
    }

    private LabelledRecord fireIncident(long i, Random random, Instant at) {
        String id = String.format("%09d-LFB", i);
        Resident near = adult(random, 0);
        return new Builder(Agency.LFB, "lfb-file-drop", id).event(id, "fire-attendance", at, "Primary Fire",
                "Fire - Primary Fire at Purpose Built Flats", new Address("Purpose Built Flats", near.postcode(), near.uprn(),
                        SyntheticLondon.LAMBETH), Sensitivity.ORDINARY);
    }

    private LabelledRecord visit(long i, Random random, Instant at) {
        String id = String.format("HFSV-%09d", i);
        Recorded rec = Recording.asRecordedBy(adult(random, 70), Agency.LFB, random);
        Builder b = new Builder(Agency.LFB, "lfb-file-drop", id);
        b.person(id + "/occupier", rec, null, List.of(), home(rec, true), Role.OCCUPIER);
        return b.event(id, "home-fire-safety-visit", at, "home fire safety visit", "Home fire safety visit",
                home(rec, true), Sensitivity.SPECIAL_CATEGORY);
    }

    private LabelledRecord complaint(long i, Random random, Instant at) {
        String id = String.format("ASB-%09d", i);
        Builder b = new Builder(Agency.HOUSING, "lambeth-housing-drop", id);
        Recorded complainant = Recording.asRecordedBy(adult(random, 75), Agency.HOUSING, random);
        b.person(id + "/complainant", complainant, null, List.of(), home(complainant, true), Role.COMPLAINANT);
        Resident other = adult(random, 0);
        if (random.nextInt(3) > 0 && !other.trueId().equals(complainant.trueId())) {
            b.person(id + "/perpetrator", Recording.asRecordedBy(other, Agency.HOUSING, random), null, List.of(), null,
                    Role.ALLEGED_PERPETRATOR);
        }
        return b.event(id, "asb-complaint", at, "noise", "ASB complaint (noise)", home(complainant, true),
                Sensitivity.ORDINARY);
    }

    private LabelledRecord tenancy(long i, Random random, Instant at) {
        Recorded tenant = Recording.asRecordedBy(adult(random, 60), Agency.HOUSING, random);
        String id = "T" + tenant.address().uprn().substring(6) + "/transfer/" + i;
        Builder b = new Builder(Agency.HOUSING, "lambeth-housing-drop", id);
        b.person(id + "/tenant", tenant, null, List.of(), home(tenant, true), Role.OCCUPIER);
        return b.event(id, "tenancy-event", at, "transfer", "Tenancy transfer (Secure)", home(tenant, true),
                Sensitivity.ORDINARY);
    }

    private LabelledRecord care(long i, Random random, Instant at, boolean enquiry) {
        String id = String.format(enquiry ? "S42-%09d" : "CLD-%09d", i);
        Resident r = adult(random, 70);
        Recorded rec = Recording.asKeptBy(seed, r, Agency.ADULT_SOCIAL_CARE);
        String personId = "ASC" + Recording.localNumber(seed, Agency.ADULT_SOCIAL_CARE, r);
        Builder b = new Builder(Agency.ADULT_SOCIAL_CARE, "lambeth-asc-drop", id);
        Address postcode = new Address(null, rec.address().postcode(), null, null);
        b.person("person", rec, rec.nhsNumber(), List.of(Agency.ADULT_SOCIAL_CARE.code() + ":" + personId), postcode,
                enquiry ? Role.VULNERABLE_PERSON : Role.SERVICE_USER);
        return b.event(id, enquiry ? "safeguarding-enquiry" : "care-assessment", at, enquiry ? "self-neglect" : "Service User",
                enquiry ? "Safeguarding concern (s42): self-neglect" : "Assessment: Long Term Support: Community", postcode,
                Sensitivity.SPECIAL_CATEGORY);
    }

    private LabelledRecord mentalHealth(long i, Random random, Instant at) {
        Resident r = adult(random, 67);
        Recorded rec = Recording.asKeptBy(seed, r, Agency.MENTAL_HEALTH);
        String pid = "slam-" + Recording.localNumber(seed, Agency.MENTAL_HEALTH, r);
        String id = "Encounter/" + pid + "-enc-" + i;
        Builder b = new Builder(Agency.MENTAL_HEALTH, "slam-fhir", id);
        b.person("Patient/" + pid, rec, rec.nhsNumber(), List.of(Agency.MENTAL_HEALTH.code() + ":Patient/" + pid),
                new Address(rec.address().line(), rec.address().postcode(), null, null), Role.PATIENT);
        return b.event(id, "mental-health-encounter", at, "encounter", "Community mental health team (ambulatory, finished)",
                null, Sensitivity.SPECIAL_CATEGORY);
    }

    private LabelledRecord child(long i, Random random, Instant at) {
        Resident child = child(random);
        Recorded rec = Recording.asKeptBy(seed, child, Agency.CHILDRENS_SOCIAL_CARE);
        String local = "child:" + ChildrensSocialCareSimulator.laChildId(seed, child);
        // one record per child in a return; a later return restates it, so the stream numbers them
        String id = local + "/" + i;
        Builder b = new Builder(Agency.CHILDRENS_SOCIAL_CARE, "lambeth-csc-drop", id);
        b.person(local, rec, null, List.of(Agency.CHILDRENS_SOCIAL_CARE.code() + ":" + local),
                new Address(null, rec.address().postcode(), null, null), Role.CHILD);
        return b.event(id + "/cin", "cin-referral", at, "abuse or neglect", "Children in need referral (source 1A), open",
                null, Sensitivity.SPECIAL_CATEGORY);
    }

    private static Address home(Recorded rec, boolean withUprn) {
        return new Address(rec.address().line(), rec.address().postcode(), withUprn ? rec.address().uprn() : null,
                SyntheticLondon.LAMBETH);
    }

    /** Collects one record's people, their parts and their labels, and its raw payload. */
    private final class Builder {
        final Agency agency;
        final String feed;
        final String sourceId;
        final List<PersonRecord> people = new ArrayList<>();
        final List<Party> parties = new ArrayList<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<Map<String, Object>> raw = new ArrayList<>();

        Builder(Agency agency, String feed, String sourceId) {
            this.agency = agency;
            this.feed = feed;
            this.sourceId = sourceId;
        }

        void police(Resident r, Role role, boolean offender) {
            Recorded rec = Recording.asKeptBy(seed, r, Agency.MET_POLICE);
            String personId = PoliceApiSimulator.personId(seed, r);
            List<String> ids = new ArrayList<>(List.of(agency.code() + ":" + personId));
            if (offender) {
                ids.add("PNC:" + personId.substring(5));
            }
            person(personId, rec, null, ids, home(rec, true), role);
        }

        void person(String localId, Recorded rec, String nhs, List<String> agencyIds, Address home, Role role) {
            PersonRecord.Sex sex = "Female".equals(rec.sex()) ? PersonRecord.Sex.FEMALE : PersonRecord.Sex.MALE;
            boolean contact = agency == Agency.MET_POLICE;
            people.add(new PersonRecord(localId, rec.givenName(), rec.familyName(), rec.dateOfBirth(), sex, nhs, agencyIds,
                    home == null ? List.of() : List.of(home), contact ? rec.phone() : null, contact ? rec.email() : null));
            parties.add(new Party(localId, role));
            labels.put(localId, rec.trueId());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", localId);
            fields.put("role", role.name());
            fields.put("givenName", rec.givenName());
            fields.put("familyName", rec.familyName());
            fields.put("dateOfBirth", rec.dateOfBirth() == null ? null : rec.dateOfBirth().toString());
            fields.put("nhsNumber", nhs);
            fields.put("postcode", home == null ? null : home.postcode());
            raw.add(fields);
        }

        LabelledRecord event(String eventId, String kind, Instant at, String category, String summary, Address where,
                Sensitivity sensitivity) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("id", sourceId);
            payload.put("kind", kind);
            payload.put("at", at.toString());
            payload.put("category", category);
            payload.put("people", raw);
            String text;
            try {
                text = JSON.writeValueAsString(payload);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            EventRecord event = new EventRecord(eventId, kind, at, category, summary, where, sensitivity, parties);
            return new LabelledRecord(new SourceRecord("labelled-stream", feed, agency.code(), sourceId, text, people,
                    List.of(event), List.of()), Map.copyOf(labels));
        }
    }
}
