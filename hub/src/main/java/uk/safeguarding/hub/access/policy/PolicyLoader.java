package uk.safeguarding.hub.access.policy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import uk.safeguarding.hub.access.ExemptionBasis;
import uk.safeguarding.hub.access.Purpose;
import uk.safeguarding.hub.access.policy.PolicyDocuments.Agency;
import uk.safeguarding.hub.access.policy.PolicyDocuments.AgencyCatalogue;
import uk.safeguarding.hub.access.policy.PolicyDocuments.Agreement;
import uk.safeguarding.hub.access.policy.PolicyDocuments.Clause;
import uk.safeguarding.hub.access.policy.PolicyDocuments.FieldCatalogue;
import uk.safeguarding.hub.access.policy.PolicyDocuments.PurposeCatalogue;
import uk.safeguarding.hub.access.policy.PolicyDocuments.RoleCatalogue;
import uk.safeguarding.hub.access.policy.PolicyDocuments.RoleEntry;

/**
 * Reads {@code catalogue/*.yaml} and {@code agreements/*.yaml} under a folder, checks every document
 * (Bean Validation) and all of them together (unknown agencies, fields, roles, purposes and exemptions,
 * dates out of order, clauses that contradict), and returns the set only if nothing is wrong. Every
 * problem is reported with its file and line; nothing is ever half-loaded.
 */
public final class PolicyLoader {

    /** A clause may share every catalogued field of a kind: a person's, an event's, or a panel case's work. */
    private static final Set<String> WILDCARDS = Set.of("subject.*", "event.*", "case.*");

    private final ResourcePatternResolver resources;
    private final Validator validator;
    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public PolicyLoader(ResourcePatternResolver resources, Validator validator) {
        this.resources = resources;
        this.validator = validator;
    }

    /** A fingerprint of every document under the folder, to notice changes cheaply. */
    public String fingerprint(String location) throws IOException {
        return fingerprint(documentHashes(location));
    }

    /** The fingerprint of a folder whose documents have these hashes. */
    static String fingerprint(Map<String, String> documentHashes) {
        StringBuilder all = new StringBuilder();
        documentHashes.forEach((file, hash) -> all.append(file).append(' ').append(hash).append('\n'));
        return sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Every document under the folder ({@code catalogue/...}, {@code agreements/...}) with the SHA-256 of its bytes. */
    public Map<String, String> documentHashes(String location) throws IOException {
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (String folder : List.of("catalogue", "agreements")) {
            for (Resource r : resources.getResources(pattern(location, folder + "/*.yaml"))) {
                hashes.put(folder + "/" + r.getFilename(), sha256(r.getContentAsByteArray()));
            }
        }
        return hashes;
    }

    public PolicySet load(String location) throws IOException {
        List<PolicyProblem> problems = new ArrayList<>();
        AgencyCatalogue agencies = read(location, "catalogue/agencies.yaml", AgencyCatalogue.class, problems);
        PurposeCatalogue purposes = read(location, "catalogue/purposes.yaml", PurposeCatalogue.class, problems);
        RoleCatalogue roles = read(location, "catalogue/roles.yaml", RoleCatalogue.class, problems);
        FieldCatalogue fields = read(location, "catalogue/fields.yaml", FieldCatalogue.class, problems);
        if (!problems.isEmpty()) {
            throw new PolicyRejected(problems);
        }
        Set<String> agencyCodes = agencies.agencies().stream().map(Agency::code).collect(Collectors.toSet());
        Set<String> purposeCodes = purposes.purposes().stream().map(PolicyDocuments.PurposeEntry::code).collect(Collectors.toSet());
        Set<String> enumPurposes = Arrays.stream(Purpose.values()).map(Enum::name).collect(Collectors.toSet());
        if (!purposeCodes.equals(enumPurposes)) {
            problems.add(new PolicyProblem("catalogue/purposes.yaml", 1, "purposes",
                    "must list exactly the purposes the API knows: " + enumPurposes.stream().sorted().toList()));
        }
        Map<String, RoleEntry> roleByCode = roles.roles().stream().collect(Collectors.toMap(RoleEntry::code, r -> r, (a, b) -> a));
        Set<String> fieldNames = fields.fields().stream().map(PolicyDocuments.FieldEntry::name).collect(Collectors.toSet());

        List<PolicySet.LoadedAgreement> loaded = new ArrayList<>();
        List<YamlDocument> loadedDocs = new ArrayList<>();
        Map<String, String> fileById = new HashMap<>();
        Resource[] files = resources.getResources(pattern(location, "agreements/*.yaml"));
        Arrays.sort(files, Comparator.comparing(Resource::getFilename));
        for (Resource file : files) {
            String name = "agreements/" + file.getFilename();
            byte[] bytes = file.getContentAsByteArray();
            String text = new String(bytes, StandardCharsets.UTF_8);
            YamlDocument doc;
            try {
                doc = YamlDocument.parse(name, text);
            } catch (YamlDocument.Unreadable unreadable) {
                problems.add(unreadable.problem);
                continue;
            }
            Agreement a = bind(doc, Agreement.class, problems);
            if (a == null) {
                continue;
            }
            int before = problems.size();
            validate(doc, a, problems);
            if (problems.size() > before) {
                continue;
            }
            crossCheck(doc, a, agencyCodes, purposeCodes, roleByCode, fieldNames, problems);
            String earlier = fileById.putIfAbsent(a.id(), name);
            if (earlier != null) {
                problems.add(doc.problem("id", "agreement id '" + a.id() + "' is already used by " + earlier));
            }
            loaded.add(new PolicySet.LoadedAgreement(a, name, sha256(bytes), doc.line("version")));
            loadedDocs.add(doc);
        }
        if (problems.isEmpty()) {
            conflicts(loaded, loadedDocs, problems);
        }
        if (!problems.isEmpty()) {
            throw new PolicyRejected(problems);
        }
        return new PolicySet(loaded, roles.roles(), fields.fields(),
                fields.structural() == null ? List.of() : fields.structural());
    }

    private void crossCheck(YamlDocument doc, Agreement a, Set<String> agencies, Set<String> purposes,
            Map<String, RoleEntry> roles, Set<String> fields, List<PolicyProblem> problems) {
        for (int i = 0; i < a.purposes().size(); i++) {
            if (!purposes.contains(a.purposes().get(i))) {
                problems.add(doc.problem("purposes[" + i + "]", "unknown purpose '" + a.purposes().get(i)
                        + "' (catalogue/purposes.yaml)"));
            }
        }
        Set<String> parties = new HashSet<>();
        for (int i = 0; i < a.parties().size(); i++) {
            String agency = a.parties().get(i).agency();
            if (!agencies.contains(agency)) {
                problems.add(doc.problem("parties[" + i + "].agency", "unknown agency '" + agency + "' (catalogue/agencies.yaml)"));
            }
            parties.add(agency);
        }
        if (!a.effective().isBefore(a.reviewBy())) {
            problems.add(doc.problem("reviewBy", "review-by (" + a.reviewBy() + ") must come after effective (" + a.effective() + ")"));
        }
        if (a.expires().isBefore(a.reviewBy())) {
            problems.add(doc.problem("expires", "expires (" + a.expires() + ") must not come before review-by (" + a.reviewBy() + ")"));
        }
        Set<String> exemptions = new HashSet<>();
        List<String> declared = a.exemptions() == null ? List.of() : a.exemptions();
        for (int i = 0; i < declared.size(); i++) {
            if (!isExemption(declared.get(i))) {
                problems.add(doc.problem("exemptions[" + i + "]", "unknown exemption '" + declared.get(i)
                        + "' (safeguarding, crime-prevention or vital-interests)"));
            }
            exemptions.add(declared.get(i));
        }
        if (!declared.isEmpty() && a.exemptionDuration() == null) {
            problems.add(doc.problem("exemptions", "an agreement with exemptions must say how long a claim lasts (exemption-duration)"));
        }
        if (parties.stream().noneMatch(p -> a.parties().stream().anyMatch(x -> x.agency().equals(p) && Boolean.TRUE.equals(x.receives())))) {
            problems.add(doc.problem("parties", "no party receives data (receives: true)"));
        }
        boolean aggregates = Boolean.TRUE.equals(a.aggregatesOnly());
        if (aggregates && !a.clauses().isEmpty()) {
            problems.add(doc.problem("clauses", "an aggregates-only agreement releases no field: clauses must be empty"));
        }
        if (!aggregates && a.clauses().isEmpty()) {
            problems.add(doc.problem("clauses", "the agreement shares nothing: add clauses, or mark it aggregates-only"));
        }
        Set<String> receiving = a.parties().stream().filter(p -> Boolean.TRUE.equals(p.receives()))
                .map(PolicyDocuments.Party::agency).collect(Collectors.toSet());
        Set<String> clauseRoles = a.clauses().stream().flatMap(c -> c.roles().stream()).collect(Collectors.toSet());
        List<PolicyDocuments.ConsentRecorder> recorders = a.consentRecorders() == null ? List.of() : a.consentRecorders();
        for (int i = 0; i < recorders.size(); i++) {
            PolicyDocuments.ConsentRecorder r = recorders.get(i);
            String at = "consentRecorders[" + i + "]";
            if (a.clauses().stream().noneMatch(c -> c.provider().equals(r.provider()) && "required".equals(c.consent()))) {
                problems.add(doc.problem(at + ".provider", "no clause of this agreement shares " + r.provider()
                        + "'s records with consent: required, so consent to it changes nothing here"));
            }
            grantor(doc, at, r.agency(), r.role(), receiving, clauseRoles, problems);
        }
        List<PolicyDocuments.Allocator> allocators = a.allocators() == null ? List.of() : a.allocators();
        for (int i = 0; i < allocators.size(); i++) {
            grantor(doc, "allocators[" + i + "]", allocators.get(i).agency(), allocators.get(i).role(), receiving,
                    clauseRoles, problems);
        }
        if (!allocators.isEmpty() && a.clauses().stream().noneMatch(c -> "assigned-case-manager".equals(c.relationship()))) {
            problems.add(doc.problem("allocators", "no clause of this agreement has relationship: assigned-case-manager, "
                    + "so an allocation under it opens nothing"));
        }
        Set<String> clauseIds = new HashSet<>();
        for (int c = 0; c < a.clauses().size(); c++) {
            Clause clause = a.clauses().get(c);
            String at = "clauses[" + c + "]";
            if (!clauseIds.add(clause.id())) {
                problems.add(doc.problem(at + ".id", "clause id '" + clause.id() + "' is used twice"));
            }
            if (!parties.contains(clause.provider())) {
                problems.add(doc.problem(at + ".provider", "'" + clause.provider() + "' is not a party to the agreement"));
            }
            for (int r = 0; r < clause.roles().size(); r++) {
                RoleEntry role = roles.get(clause.roles().get(r));
                if (role == null) {
                    problems.add(doc.problem(at + ".roles[" + r + "]", "unknown role '" + clause.roles().get(r) + "' (catalogue/roles.yaml)"));
                } else if (!role.readsPersonalData()) {
                    problems.add(doc.problem(at + ".roles[" + r + "]", "role '" + role.code() + "' does not read personal data"));
                }
            }
            for (int f = 0; f < clause.fields().size(); f++) {
                String field = clause.fields().get(f);
                boolean known = WILDCARDS.contains(field) || fields.contains(field);
                if (!known) {
                    problems.add(doc.problem(at + ".fields[" + f + "]", "unknown field '" + field + "' (catalogue/fields.yaml)"));
                }
            }
            List<String> clauseExemptions = clause.exemptions() == null ? List.of() : clause.exemptions();
            for (int e = 0; e < clauseExemptions.size(); e++) {
                if (!exemptions.contains(clauseExemptions.get(e))) {
                    problems.add(doc.problem(at + ".exemptions[" + e + "]", "exemption '" + clauseExemptions.get(e)
                            + "' is not one the agreement allows"));
                }
            }
            if (!clauseExemptions.isEmpty() && !"required".equals(clause.consent())) {
                problems.add(doc.problem(at + ".exemptions", "exemptions override a refusal of consent: they need consent: required"));
            }
            for (int o = 0; o < c; o++) {
                Clause other = a.clauses().get(o);
                if (contradicts(clause, other)) {
                    problems.add(doc.problem(at, "contradicts clause " + other.id() + ": the same field of " + clause.provider()
                            + " for the same role under a different consent or relationship rule"));
                }
            }
        }
    }

    /**
     * One who may grant (record consent, allocate a case manager) must be able to see subjects under the agreement:
     * staff of a receiving party, in a role one of its clauses shares with.
     */
    private static void grantor(YamlDocument doc, String at, String agency, String role, Set<String> receiving,
            Set<String> clauseRoles, List<PolicyProblem> problems) {
        if (!receiving.contains(agency)) {
            problems.add(doc.problem(at + ".agency", "'" + agency + "' is not a party that receives data under this agreement "
                    + "(receives: true): its staff could not see the subjects they would act on"));
        }
        if (!clauseRoles.contains(role)) {
            problems.add(doc.problem(at + ".role", "no clause of this agreement shares anything with the role '" + role
                    + "': it could not see the subjects it would act on"));
        }
    }

    /**
     * Two agreements for one purpose whose clauses share the same field of the same provider with the same role
     * under different consent or relationship rules: refused, naming both places, rather than letting the more
     * permissive clause win silently. The signatories settle which rule holds.
     */
    private static void conflicts(List<PolicySet.LoadedAgreement> loaded, List<YamlDocument> docs, List<PolicyProblem> problems) {
        for (int i = 0; i < loaded.size(); i++) {
            Agreement a = loaded.get(i).document();
            for (int j = i + 1; j < loaded.size(); j++) {
                Agreement b = loaded.get(j).document();
                List<String> purposes = b.purposes().stream().filter(a.purposes()::contains).toList();
                if (purposes.isEmpty()) {
                    continue;
                }
                for (int ca = 0; ca < a.clauses().size(); ca++) {
                    for (int cb = 0; cb < b.clauses().size(); cb++) {
                        Clause x = a.clauses().get(ca);
                        Clause y = b.clauses().get(cb);
                        if (contradicts(x, y)) {
                            YamlDocument other = docs.get(i);
                            problems.add(docs.get(j).problem("clauses[" + cb + "]", "conflicts with clause " + x.id() + " of "
                                    + a.id() + " (" + other.file + ":" + other.line("clauses[" + ca + "]") + "): both share "
                                    + x.provider() + "'s " + overlapping(x, y) + " with " + roles(x, y) + " for " + purposes
                                    + ", one with consent " + x.consent() + " and relationship " + relationship(x)
                                    + ", the other with consent " + y.consent() + " and relationship " + relationship(y)
                                    + " (make the clauses agree, or move them into one agreement)"));
                        }
                    }
                }
            }
        }
    }

    private static List<String> overlapping(Clause a, Clause b) {
        return a.fields().stream().filter(f -> b.fields().stream().anyMatch(g -> overlap(f, g))).toList();
    }

    private static List<String> roles(Clause a, Clause b) {
        return a.roles().stream().filter(b.roles()::contains).toList();
    }

    private static boolean contradicts(Clause a, Clause b) {
        if (!a.provider().equals(b.provider()) || a.roles().stream().noneMatch(b.roles()::contains)) {
            return false;
        }
        boolean sameRule = a.consent().equals(b.consent())
                && relationship(a).equals(relationship(b));
        return !sameRule && a.fields().stream().anyMatch(f -> b.fields().stream().anyMatch(g -> overlap(f, g)));
    }

    private static String relationship(Clause c) {
        return c.relationship() == null ? "none" : c.relationship();
    }

    private static boolean overlap(String f, String g) {
        if (f.equals(g)) {
            return true;
        }
        String fp = f.endsWith(".*") ? f.substring(0, f.length() - 1) : null;
        String gp = g.endsWith(".*") ? g.substring(0, g.length() - 1) : null;
        return (fp != null && g.startsWith(fp)) || (gp != null && f.startsWith(gp));
    }

    private static boolean isExemption(String code) {
        return Arrays.stream(ExemptionBasis.values()).anyMatch(b -> b.code().equals(code));
    }

    private <T> T read(String location, String name, Class<T> type, List<PolicyProblem> problems) throws IOException {
        Resource resource = resources.getResource(location + "/" + name);
        if (!resource.exists()) {
            problems.add(new PolicyProblem(name, 1, "", "the catalogue is missing"));
            return null;
        }
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(name, resource.getContentAsString(StandardCharsets.UTF_8));
        } catch (YamlDocument.Unreadable unreadable) {
            problems.add(unreadable.problem);
            return null;
        }
        T value = bind(doc, type, problems);
        if (value != null) {
            validate(doc, value, problems);
        }
        return value;
    }

    private <T> T bind(YamlDocument doc, Class<T> type, List<PolicyProblem> problems) {
        if (!(doc.content instanceof Map<?, ?>)) {
            problems.add(new PolicyProblem(doc.file, 1, "", "must be a YAML mapping"));
            return null;
        }
        try {
            return json.convertValue(doc.content, type);
        } catch (IllegalArgumentException | JacksonException e) {
            DatabindException cause = e instanceof DatabindException d ? d
                    : e.getCause() instanceof DatabindException d ? d : null;
            String path = cause == null ? "" : path(cause.getPath());
            String rule = cause != null && cause.getClass().getSimpleName().startsWith("UnrecognizedProperty")
                    ? "unknown key (check its spelling against policies/README.md)"
                    : "cannot be read as " + (cause == null ? "the expected type" : expected(cause));
            problems.add(doc.problem(path, rule));
            return null;
        }
    }

    private static String expected(DatabindException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.contains("LocalDate")) {
            return "a date (YYYY-MM-DD)";
        }
        if (message != null && message.contains("Duration")) {
            return "a duration (ISO 8601, e.g. PT24H)";
        }
        if (message != null && message.contains("List")) {
            return "a list";
        }
        return "the expected type";
    }

    private static String path(List<JacksonException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : refs) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(YamlDocument.camel(ref.getPropertyName()));
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private <T> void validate(YamlDocument doc, T value, List<PolicyProblem> problems) {
        List<PolicyProblem> found = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(value)) {
            String path = v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
            found.add(doc.problem(path, v.getMessage()));
        }
        found.sort(Comparator.comparingInt(PolicyProblem::line).thenComparing(PolicyProblem::path));
        problems.addAll(found);
    }

    private static String pattern(String location, String glob) {
        String base = location.startsWith("classpath:") ? "classpath*:" + location.substring("classpath:".length()) : location;
        return base + "/" + glob;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
