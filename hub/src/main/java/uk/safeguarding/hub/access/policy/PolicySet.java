package uk.safeguarding.hub.access.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.safeguarding.hub.access.Caller;
import uk.safeguarding.hub.access.ConsentState;
import uk.safeguarding.hub.access.ExemptionBasis;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.access.Withheld;
import uk.safeguarding.hub.access.Withheld.Reason;
import uk.safeguarding.hub.access.policy.PolicyDocuments.Agreement;
import uk.safeguarding.hub.access.policy.PolicyDocuments.Clause;
import uk.safeguarding.hub.access.policy.PolicyDocuments.FieldEntry;
import uk.safeguarding.hub.access.policy.PolicyDocuments.RoleEntry;

/**
 * A loaded, consistent set of agreements and catalogues, indexed for decisions. Immutable: a reload
 * builds a new set and swaps it in whole.
 */
public final class PolicySet {

    /**
     * A loaded agreement with where it came from, the SHA-256 of its file's bytes and the line of its
     * {@code version}.
     */
    public record LoadedAgreement(Agreement document, String file, String contentHash, int versionLine) {

        /** How audit entries cite it: {@code id@version#hash}, the hash cut to its first 16 hex digits (64 bits). */
        public String citation() {
            return id() + "@" + document.version() + "#" + contentHash.substring(0, Math.min(16, contentHash.length()));
        }

        /** {@code id@version}: what the hub remembers a content hash and a field list for. */
        public String versionId() {
            return id() + "@" + document.version();
        }

        public AgreementStatus status(LocalDate day) {
            return AgreementStatus.on(day, document.effective(), document.reviewBy(), document.expires());
        }

        public String id() {
            return document.id();
        }

        /** The last day it shares anything: after its review date (or expiry) it shares nothing until re-versioned. */
        public LocalDate lastDayInForce() {
            return document.reviewBy().isBefore(document.expires()) ? document.reviewBy() : document.expires();
        }
    }

    /** The facts about one subject that decisions need, gathered once per request. */
    /** {@code assignedUnder}: the agreements under which the caller is the subject's assigned case manager for the purpose. */
    public record Circumstances(LocalDate today, Map<String, ConsentState> consentByProvider, Set<String> assignedUnder,
            Map<String, Set<ExemptionBasis>> exemptionsByAgreement) {

        ConsentState consent(String provider) {
            return consentByProvider.getOrDefault(provider, ConsentState.NOT_ASKED);
        }

        /** The exemptions the caller claimed under this agreement: a claim opens only its own agreement's clauses. */
        Set<ExemptionBasis> exemptions(String agreement) {
            return exemptionsByAgreement.getOrDefault(agreement, Set.of());
        }
    }

    /** Released under an agreement's clause, or withheld with the reason; {@code citation} is {@code id@version#hash}. */
    public record Decision(boolean released, String agreement, String version, String clause, Withheld withheld,
            String citation) {
    }

    /** One clause, ready to match. */
    /** {@code fields}: the clause's fields, its wildcards read as the catalogue's fields pinned for the agreement. */
    private record Rule(LoadedAgreement agreement, Clause clause, Set<String> fields, Set<String> prefixes,
            Set<String> roles, boolean consentRequired, Set<ExemptionBasis> exemptions, boolean assignedOnly,
            Set<String> recipients, Set<String> recipientBoroughs) {

        boolean covers(String field) {
            return fields.contains(field);
        }

        /** A field its wildcard would name, catalogued after the agreement's version was first loaded. */
        boolean wouldCoverIfReversioned(String field) {
            int dot = field.indexOf('.');
            return !fields.contains(field) && dot > 0 && prefixes.contains(field.substring(0, dot));
        }

        boolean receives(Caller caller) {
            return recipients.contains(caller.agency())
                    && (recipientBoroughs.isEmpty() || caller.boroughs().stream().anyMatch(recipientBoroughs::contains));
        }
    }

    private final List<LoadedAgreement> agreements;
    private final Map<String, RoleEntry> roles;
    private final Collection<FieldEntry> fieldEntries;
    private final Map<String, Set<String>> pinned;
    private final Map<String, String> fieldSensitivity;
    private final Set<String> structural;
    private final Map<String, List<Rule>> rulesByPurposeAndProvider = new HashMap<>();
    private final Map<Purpose, List<Rule>> rulesByPurpose = new HashMap<>();

    /** Wildcards read as the catalogue's fields today (as when every agreement is loaded for the first time). */
    PolicySet(List<LoadedAgreement> agreements, Collection<RoleEntry> roles, Collection<FieldEntry> fields,
            Collection<String> structural) {
        this(agreements, roles, fields, structural, Map.of());
    }

    /**
     * @param pinned per agreement id, the catalogue fields its wildcard clauses cover at its loaded version
     *               (agreements not named here: the catalogue's fields today)
     */
    private PolicySet(List<LoadedAgreement> agreements, Collection<RoleEntry> roles, Collection<FieldEntry> fields,
            Collection<String> structural, Map<String, Set<String>> pinned) {
        this.agreements = List.copyOf(agreements);
        this.fieldEntries = List.copyOf(fields);
        this.pinned = Map.copyOf(pinned);
        this.roles = roles.stream().collect(Collectors.toUnmodifiableMap(RoleEntry::code, r -> r));
        this.fieldSensitivity = fields.stream().collect(Collectors.toUnmodifiableMap(FieldEntry::name, FieldEntry::sensitivity));
        this.structural = Set.copyOf(structural);
        for (LoadedAgreement loaded : agreements) {
            Agreement a = loaded.document();
            Set<String> recipients = a.parties().stream().filter(p -> Boolean.TRUE.equals(p.receives()))
                    .map(PolicyDocuments.Party::agency).collect(Collectors.toUnmodifiableSet());
            Set<String> boroughs = a.recipientBoroughs() == null ? Set.of() : Set.copyOf(a.recipientBoroughs());
            for (Clause c : a.clauses()) {
                Set<String> exact = new HashSet<>();
                Set<String> prefixes = new HashSet<>();
                Set<String> signed = pinned.getOrDefault(a.id(), fieldSensitivity.keySet());
                for (String f : c.fields()) {
                    if (f.endsWith(".*")) {
                        String prefix = f.substring(0, f.length() - 1);
                        prefixes.add(f.substring(0, f.length() - 2));
                        signed.stream().filter(n -> n.startsWith(prefix)).forEach(exact::add);
                    } else {
                        exact.add(f);
                    }
                }
                Set<ExemptionBasis> exemptions = c.exemptions() == null ? Set.of() : c.exemptions().stream()
                        .map(PolicySet::basis).collect(Collectors.toUnmodifiableSet());
                Rule rule = new Rule(loaded, c, Set.copyOf(exact), Set.copyOf(prefixes), Set.copyOf(c.roles()),
                        "required".equals(c.consent()), exemptions, "assigned-case-manager".equals(c.relationship()),
                        recipients, boroughs);
                for (String purpose : a.purposes()) {
                    rulesByPurposeAndProvider.computeIfAbsent(purpose + "|" + c.provider(), k -> new ArrayList<>()).add(rule);
                    rulesByPurpose.computeIfAbsent(Purpose.valueOf(purpose), k -> new ArrayList<>()).add(rule);
                }
            }
        }
    }

    /** The catalogue's fields today that the agreement's wildcard clauses ({@code subject.*}, {@code event.*}) name. */
    public Set<String> wildcardFields(LoadedAgreement loaded) {
        Set<String> prefixes = loaded.document().clauses().stream().flatMap(c -> c.fields().stream())
                .filter(f -> f.endsWith(".*")).map(f -> f.substring(0, f.length() - 1)).collect(Collectors.toSet());
        return fieldSensitivity.keySet().stream().filter(f -> prefixes.stream().anyMatch(f::startsWith))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The same set, each agreement's wildcards pinned to the fields they covered when its version was first loaded. */
    public PolicySet pinnedTo(Map<String, Set<String>> fieldsByAgreement) {
        return new PolicySet(agreements, roles.values(), fieldEntries, structural, fieldsByAgreement);
    }

    /**
     * Fields catalogued after an agreement's version was first loaded that its wildcards would name: not
     * released under it until it is re-versioned. Field to the agreements ({@code id@version}) it would affect.
     */
    public Map<String, List<String>> fieldsAwaitingReversion() {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (LoadedAgreement a : agreements) {
            Set<String> signed = pinned.get(a.id());
            if (signed == null) {
                continue;
            }
            for (String field : wildcardFields(a)) {
                if (!signed.contains(field)) {
                    out.computeIfAbsent(field, f -> new ArrayList<>()).add(a.versionId());
                }
            }
        }
        return out;
    }

    static ExemptionBasis basis(String code) {
        return ExemptionBasis.valueOf(code.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    public List<LoadedAgreement> agreements() {
        return agreements;
    }

    public Set<String> personalFields() {
        return fieldSensitivity.keySet();
    }

    public Set<String> structuralFields() {
        return structural;
    }

    /**
     * Why this caller may not read personal data for this purpose at all, if they may not: no role that
     * reads personal data, or no agreement in force that shares anything for the purpose with their
     * agency and roles. Says nothing about any subject.
     */
    public Optional<String> refusal(Caller caller, Purpose purpose, LocalDate today) {
        boolean reads = caller.roles().stream().map(roles::get)
                .anyMatch(r -> r != null && Boolean.TRUE.equals(r.readsPersonalData()));
        if (!reads) {
            return Optional.of("Your roles " + caller.roles() + " do not read personal data.");
        }
        List<Rule> mine = rulesByPurpose.getOrDefault(purpose, List.of()).stream()
                .filter(r -> r.receives(caller) && r.roles().stream().anyMatch(caller.roles()::contains)).toList();
        if (mine.isEmpty()) {
            return Optional.of("No agreement shares personal data for " + purpose + " with your agency ("
                    + caller.agency() + ") and roles " + caller.roles() + ".");
        }
        if (mine.stream().noneMatch(r -> r.agreement().status(today) == AgreementStatus.ACTIVE)) {
            String why = mine.stream().map(Rule::agreement).distinct()
                    .map(a -> a.id() + " is " + a.status(today).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .collect(Collectors.joining("; "));
            return Optional.of("No agreement for " + purpose + " is in force: " + why + ".");
        }
        return Optional.empty();
    }

    /**
     * The agreements in force under which the caller's agency receives aggregate figures for the purpose
     * (an aggregates-only agreement names no role: the receiving agency decides who reports), or why none.
     */
    public AggregatesGrant aggregates(Caller caller, Purpose purpose, LocalDate today) {
        List<LoadedAgreement> mine = agreements.stream()
                .filter(a -> Boolean.TRUE.equals(a.document().aggregatesOnly())
                        && a.document().purposes().contains(purpose.name())
                        && a.document().parties().stream().anyMatch(p -> Boolean.TRUE.equals(p.receives())
                                && p.agency().equals(caller.agency())))
                .toList();
        if (mine.isEmpty()) {
            return new AggregatesGrant(List.of(), "No aggregates-only agreement for " + purpose
                    + " has your agency (" + caller.agency() + ") as a recipient.");
        }
        List<String> active = mine.stream().filter(a -> a.status(today) == AgreementStatus.ACTIVE).map(LoadedAgreement::id)
                .toList();
        if (active.isEmpty()) {
            return new AggregatesGrant(List.of(), "No agreement for " + purpose + " is in force: " + mine.stream()
                    .map(a -> a.id() + " is " + a.status(today).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .collect(Collectors.joining("; ")) + ".");
        }
        return new AggregatesGrant(active, null);
    }

    /** The agreements that grant aggregate figures, or (when there are none) why not. */
    public record AggregatesGrant(List<String> agreements, String refusal) {
    }

    /** Agencies whose records of this field the caller could ever see for the purpose (before consent). */
    public Set<String> providersFor(Caller caller, Purpose purpose, String field, LocalDate today) {
        return rulesByPurpose.getOrDefault(purpose, List.of()).stream()
                .filter(r -> r.receives(caller) && r.covers(field)
                        && r.roles().stream().anyMatch(caller.roles()::contains)
                        && r.agreement().status(today) == AgreementStatus.ACTIVE)
                .map(r -> r.clause().provider()).collect(Collectors.toSet());
    }

    /**
     * The agencies whose records a search may match on {@code field}: a clause in force shares it with the caller
     * with no consent to wait for (a match would otherwise confirm a value of someone who has not consented), and
     * with no relationship unless the search is confined to the subjects assigned to the caller.
     */
    public Set<String> searchableOn(Caller caller, Purpose purpose, String field, LocalDate today, boolean confinedToAssigned) {
        return rulesByPurpose.getOrDefault(purpose, List.of()).stream()
                .filter(r -> r.receives(caller) && r.covers(field) && r.roles().stream().anyMatch(caller.roles()::contains)
                        && r.agreement().status(today) == AgreementStatus.ACTIVE
                        && !r.consentRequired() && (!r.assignedOnly() || confinedToAssigned))
                .map(r -> r.clause().provider()).collect(Collectors.toSet());
    }

    /** The classes of data a record is stored with, as {@link #decide} takes them. */
    public static final List<String> RECORD_CLASSES = List.of("ORDINARY", "SPECIAL_CATEGORY", "CRIMINAL_OFFENCE");

    /**
     * For each provider, the classes of its records ({@link #RECORD_CLASSES}) of which a clause in force
     * could release the field to this caller, its agreement setting out a lawful basis for that class
     * (whatever the subject's consent or relationship).
     */
    public Map<String, Set<String>> classesFor(Caller caller, Purpose purpose, String field, LocalDate today) {
        String catalogued = fieldSensitivity.get(field);
        Map<String, Set<String>> classes = new HashMap<>();
        rulesByPurpose.getOrDefault(purpose, List.of()).stream()
                .filter(r -> r.receives(caller) && r.covers(field) && r.roles().stream().anyMatch(caller.roles()::contains)
                        && r.agreement().status(today) == AgreementStatus.ACTIVE)
                .forEach(r -> RECORD_CLASSES.stream()
                        .filter(c -> catalogued != null && hasBasis(r.agreement().document(), "of-record".equals(catalogued)
                                ? c.toLowerCase(java.util.Locale.ROOT).replace('_', '-') : catalogued))
                        .forEach(c -> classes.computeIfAbsent(r.clause().provider(), p -> new HashSet<>()).add(c)));
        return classes;
    }

    /**
     * The agreements in force under which this caller may claim this exemption for the purpose: those with
     * a clause the caller could use that accepts it. A claim is made under one of them, opens only that
     * agreement's clauses and lasts as long as that agreement allows.
     */
    public List<LoadedAgreement> exemptionAgreements(Caller caller, Purpose purpose, ExemptionBasis basis,
            LocalDate today) {
        return rulesByPurpose.getOrDefault(purpose, List.of()).stream()
                .filter(r -> r.receives(caller) && r.roles().stream().anyMatch(caller.roles()::contains)
                        && r.agreement().status(today) == AgreementStatus.ACTIVE && r.exemptions().contains(basis))
                .map(Rule::agreement).distinct().toList();
    }

    /** An agreement in force that lets the caller grant something, and the role of theirs it names. */
    public record Grant(LoadedAgreement agreement, String role) {
    }

    /**
     * The agreements in force for the purpose that name the caller (their agency, one of their roles, in the
     * agreement's boroughs) among those who may record consent to {@code provider} sharing: the first, or none.
     */
    public Optional<Grant> consentRecorder(Caller caller, Purpose purpose, String provider, LocalDate today) {
        return inForceFor(caller, purpose, today).flatMap(a -> a.document().consentRecorders() == null ? java.util.stream.Stream.<Grant>empty()
                : a.document().consentRecorders().stream()
                        .filter(r -> r.provider().equals(provider) && r.agency().equals(caller.agency())
                                && caller.roles().contains(r.role()))
                        .map(r -> new Grant(a, r.role())))
                .findFirst();
    }

    /** The agreements in force for the purpose that name the caller among their allocators, each with the role named. */
    public List<Grant> allocator(Caller caller, Purpose purpose, LocalDate today) {
        return inForceFor(caller, purpose, today).flatMap(a -> a.document().allocators() == null ? java.util.stream.Stream.<Grant>empty()
                : a.document().allocators().stream()
                        .filter(r -> r.agency().equals(caller.agency()) && caller.roles().contains(r.role()))
                        .map(r -> new Grant(a, r.role())).limit(1))
                .toList();
    }

    /** The agencies that receive data under the agreement (its parties with receives: true). */
    public static Set<String> recipients(LoadedAgreement agreement) {
        return agreement.document().parties().stream().filter(p -> Boolean.TRUE.equals(p.receives()))
                .map(PolicyDocuments.Party::agency).collect(Collectors.toUnmodifiableSet());
    }

    private java.util.stream.Stream<LoadedAgreement> inForceFor(Caller caller, Purpose purpose, LocalDate today) {
        return agreements.stream().filter(a -> a.document().purposes().contains(purpose.name())
                && a.status(today) == AgreementStatus.ACTIVE
                && (a.document().recipientBoroughs() == null || a.document().recipientBoroughs().isEmpty()
                        || caller.boroughs().stream().anyMatch(a.document().recipientBoroughs()::contains)));
    }

    /** Whether every clause that could show this caller anything for the purpose needs them to be assigned. */
    public boolean onlyAssignedCases(Caller caller, Purpose purpose, LocalDate today) {
        return rulesByPurpose.getOrDefault(purpose, List.of()).stream()
                .filter(r -> r.receives(caller) && r.roles().stream().anyMatch(caller.roles()::contains)
                        && r.agreement().status(today) == AgreementStatus.ACTIVE)
                .allMatch(Rule::assignedOnly);
    }

    /**
     * Release or withhold one field of one agency's record. Deny by default: without a clause in force
     * that covers the purpose, the providing agency, the field, the caller's agency and role, the class of
     * data, the relationship and the consent, the field is withheld, with the reason of the clause that
     * came closest.
     */
    public Decision decide(Caller caller, Purpose purpose, String field, String provider, String recordSensitivity,
            Circumstances circumstances) {
        return decide(caller, purpose, field, provider, recordSensitivity, circumstances, rule -> true);
    }

    /**
     * Release or withhold one field of a panel case's work (a {@code case.*} field) kept by {@code keeper}, under
     * the case's own agreement only: another agreement for the purpose, however it shares the keeper's case
     * work, does not open a case it does not hold.
     */
    public Decision decideCase(String agreement, Caller caller, Purpose purpose, String field, String keeper,
            Circumstances circumstances) {
        if (!field.startsWith("case.")) {
            throw new IllegalArgumentException(field + " is not a field of case work");
        }
        return decide(caller, purpose, field, keeper, null, circumstances, rule -> rule.agreement().id().equals(agreement));
    }

    /**
     * The agreements a case the caller opens may belong to: in force for the purpose, the caller receiving
     * under them, and sharing the case work their agency keeps ({@code case.reason}) with one of their roles.
     */
    public List<LoadedAgreement> caseAgreements(Caller caller, Purpose purpose, LocalDate today) {
        return rulesByPurposeAndProvider.getOrDefault(purpose + "|" + caller.agency(), List.of()).stream()
                .filter(r -> r.covers("case.reason") && r.receives(caller) && r.roles().stream().anyMatch(caller.roles()::contains)
                        && r.agreement().status(today) == AgreementStatus.ACTIVE)
                .map(Rule::agreement).distinct().toList();
    }

    /** Whether the agreement is in force for the purpose and the caller's agency (and borough) receives under it. */
    public boolean receivesUnder(String agreement, Caller caller, Purpose purpose, LocalDate today) {
        return rulesByPurpose.getOrDefault(purpose, List.of()).stream()
                .anyMatch(r -> r.agreement().id().equals(agreement) && r.receives(caller)
                        && r.agreement().status(today) == AgreementStatus.ACTIVE);
    }

    private Decision decide(Caller caller, Purpose purpose, String field, String provider, String recordSensitivity,
            Circumstances circumstances, java.util.function.Predicate<Rule> under) {
        String sensitivity = fieldSensitivity.get(field);
        if (sensitivity == null) {
            return withheld(field, Reason.NO_AGREEMENT, "The field is not in the field catalogue, so no agreement can share it.", null);
        }
        if ("of-record".equals(sensitivity)) {
            // the record's class as stored (SPECIAL_CATEGORY) or as catalogued (special-category)
            sensitivity = recordSensitivity == null ? "" : recordSensitivity.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            if (!SENSITIVITIES.contains(sensitivity)) {
                return withheld(field, Reason.LAWFUL_BASIS, "The record's class of data is not known, so no lawful basis"
                        + " can be shown for it.", null);
            }
        }
        int closest = -1;
        Decision best = withheld(field, Reason.NO_AGREEMENT,
                "No agreement shares this from " + provider + " for " + purpose + " with " + caller.agency() + ".", null);
        for (Rule rule : rulesByPurposeAndProvider.getOrDefault(purpose + "|" + provider, List.of())) {
            if (!under.test(rule)) {
                continue;
            }
            if (closest < 0 && rule.receives(caller) && rule.wouldCoverIfReversioned(field)) {
                best = withheld(field, Reason.NO_AGREEMENT, "The field was catalogued after " + rule.agreement().versionId()
                        + " was signed: its clause " + rule.clause().id() + " shares it only once the agreement is re-versioned.", null);
            }
            if (!rule.covers(field) || !rule.receives(caller)) {
                continue;
            }
            if (rule.roles().stream().noneMatch(caller.roles()::contains)) {
                if (closest < 1) {
                    closest = 1;
                    best = withheld(field, Reason.ROLE, "Clause " + rule.clause().id() + " shares this only with "
                            + rule.roles() + ".", rule);
                }
                continue;
            }
            AgreementStatus status = rule.agreement().status(circumstances.today());
            if (status != AgreementStatus.ACTIVE) {
                if (closest < 2) {
                    closest = 2;
                    best = notInForce(field, status, rule);
                }
                continue;
            }
            if (!hasBasis(rule.agreement().document(), sensitivity)) {
                if (closest < 3) {
                    closest = 3;
                    best = withheld(field, Reason.LAWFUL_BASIS, "The agreement sets out no lawful basis for "
                            + sensitivity + " data.", rule);
                }
                continue;
            }
            if (rule.assignedOnly() && !circumstances.assignedUnder().contains(rule.agreement().id())) {
                if (closest < 4) {
                    closest = 4;
                    best = withheld(field, Reason.RELATIONSHIP, "Only the subject's assigned case manager may see this.", rule);
                }
                continue;
            }
            if (rule.consentRequired()) {
                ConsentState consent = circumstances.consent(provider);
                if (consent != ConsentState.GRANTED) {
                    Optional<ExemptionBasis> exemption = circumstances.exemptions(rule.agreement().id()).stream()
                            .filter(rule.exemptions()::contains).findFirst();
                    if (exemption.isEmpty()) {
                        if (closest < 5) {
                            closest = 5;
                            best = consentWithheld(field, consent, rule);
                        }
                        continue;
                    }
                }
            }
            return new Decision(true, rule.agreement().id(), rule.agreement().document().version(), rule.clause().id(), null,
                    rule.agreement().citation());
        }
        return best;
    }

    private static final Set<String> SENSITIVITIES = Set.of("ordinary", "special-category", "criminal-offence");

    private static boolean hasBasis(Agreement a, String sensitivity) {
        return switch (sensitivity) {
            case "special-category" -> a.lawfulBasis().specialCategory() != null;
            case "criminal-offence" -> a.lawfulBasis().criminalOffence() != null;
            case "ordinary" -> a.lawfulBasis().ordinary() != null;
            default -> false;
        };
    }

    private static Decision notInForce(String field, AgreementStatus status, Rule rule) {
        Agreement a = rule.agreement().document();
        return switch (status) {
            case EXPIRED -> withheld(field, Reason.AGREEMENT_EXPIRED, "The agreement expired on " + a.expires() + ".", rule);
            case REVIEW_OVERDUE -> withheld(field, Reason.AGREEMENT_REVIEW_OVERDUE,
                    "The agreement was due for review by " + a.reviewBy() + " and shares nothing until reviewed.", rule);
            default -> withheld(field, Reason.AGREEMENT_NOT_YET_EFFECTIVE,
                    "The agreement takes effect on " + a.effective() + ".", rule);
        };
    }

    private static Decision consentWithheld(String field, ConsentState consent, Rule rule) {
        String exemptions = rule.exemptions().isEmpty() ? ""
                : " An exemption (" + rule.exemptions().stream().map(ExemptionBasis::code).sorted()
                        .collect(Collectors.joining(", ")) + ") may be claimed.";
        return switch (consent) {
            case REFUSED -> withheld(field, Reason.CONSENT_REFUSED, "The subject refused consent." + exemptions, rule);
            case WITHDRAWN -> withheld(field, Reason.CONSENT_WITHDRAWN, "The subject withdrew consent." + exemptions, rule);
            default -> withheld(field, Reason.CONSENT_NOT_ASKED, "Shared only with the subject's consent, which is not recorded."
                    + exemptions, rule);
        };
    }

    private static Decision withheld(String field, Reason reason, String explanation, Rule rule) {
        String agreement = rule == null ? null : rule.agreement().id();
        String clause = rule == null ? null : rule.clause().id();
        return new Decision(false, agreement, rule == null ? null : rule.agreement().document().version(), clause,
                new Withheld(field.substring(field.indexOf('.') + 1), reason, explanation, agreement, clause),
                rule == null ? null : rule.agreement().citation());
    }
}
