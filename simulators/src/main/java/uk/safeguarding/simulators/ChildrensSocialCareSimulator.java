package uk.safeguarding.simulators;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.simulators.SyntheticLondon.Resident;

/**
 * The simulated children's social care file drop: a Children in Need census return (DfE XML) for
 * children living with some of the residents, with the ChildName block and home postcode the
 * partnership's export adds, each child as the council's case system records them.
 */
public final class ChildrensSocialCareSimulator {

    public static final String CIN_FILE = "lambeth-cin-census-2026.xml";
    private static final String[] NEEDS = {"N1", "N4", "N5", "N2", "N6"};
    private static final String[] ABUSE = {"NEG", "EMO", "PHY", "MUL"};

    private final int childCount;
    private final List<RecordedPerson> truth = new ArrayList<>();
    private List<Resident> children;
    private final String cin;

    ChildrensSocialCareSimulator(Simulators london) {
        this.childCount = Math.min(london.volumes().childrenInNeed(), london.children().size());
        this.cin = cin(london);
    }

    public int childCount() {
        return childCount;
    }

    /** The children in the census, in its order (the looked-after children are some of them). */
    public List<Resident> children() {
        return children;
    }

    /** The truth behind every child in the return. */
    public List<RecordedPerson> truth() {
        return truth;
    }

    /** The census's unique pupil number for a child, which the SSDA903 return repeats. */
    static String upn(String laChildId) {
        return "A208" + String.format("%09d", Long.parseLong(laChildId.substring(2)) % 1_000_000_000L);
    }

    public Map<String, byte[]> files() {
        return Map.of(CIN_FILE, cin.getBytes(StandardCharsets.UTF_8));
    }

    /** The council's child id: its own number, not the true id. */
    public static String laChildId(long seed, Resident child) {
        return "CH" + Recording.localNumber(seed, Recording.Agency.CHILDRENS_SOCIAL_CARE, child);
    }

    private String cin(Simulators london) {
        long seed = london.seed();
        Random random = new Random(seed + 10);
        // children in need come mostly from the families the other agencies know
        List<Resident> candidates = new ArrayList<>(london.children());
        java.util.Set<String> vulnerableHomes = new java.util.HashSet<>();
        london.vulnerable().forEach(r -> vulnerableHomes.add(r.householdId()));
        java.util.Collections.shuffle(candidates, random);
        candidates.sort(java.util.Comparator.comparing((Resident c) -> !vulnerableHomes.contains(c.householdId())));
        this.children = List.copyOf(candidates.subList(0, childCount));
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Message>
                  <Header>
                    <CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails>
                    <Source><SourceLevel>L</SourceLevel><LEA>208</LEA><SoftwareCode>Local Authority</SoftwareCode><Release>ver 3.1</Release><SerialNo>001</SerialNo><DateTime>2026-10-01T09:00:00</DateTime></Source>
                  </Header>
                  <Children>
                """);
        for (Resident child : children) {
            Recording.Recorded rec = Recording.asKeptBy(seed, child, Recording.Agency.CHILDRENS_SOCIAL_CARE);
            String la = laChildId(seed, child);
            truth.add(new RecordedPerson(Recording.Agency.CHILDRENS_SOCIAL_CARE.code(), "child:" + la, "child:" + la,
                    child.trueId(), rec.variations()));
            LocalDate referred = LocalDate.of(2025, 4, 1).plusDays(random.nextInt(540));
            boolean closed = random.nextInt(3) == 0;
            boolean plan = random.nextInt(2) == 0;
            xml.append("    <Child>\n")
                    .append("      <ChildIdentifiers><LAchildID>").append(la).append("</LAchildID><UPN>").append(upn(la)).append("</UPN><PersonBirthDate>")
                    .append(rec.dateOfBirth()).append("</PersonBirthDate><Sex>").append(child.sex().equals("Male") ? "1" : "2")
                    .append("</Sex></ChildIdentifiers>\n")
                    .append("      <ChildName><GivenName>").append(rec.givenName()).append("</GivenName><FamilyName>")
                    .append(rec.familyName()).append("</FamilyName></ChildName>\n")
                    .append("      <HomePostcode>").append(rec.address().postcode()).append("</HomePostcode>\n")
                    .append("      <ChildCharacteristics><Ethnicity>").append(child.ethnicity())
                    .append("</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>\n")
                    .append("      <CINdetails>\n")
                    .append("        <CINreferralDate>").append(referred).append("</CINreferralDate><ReferralSource>")
                    .append(SyntheticLondon.pick(random, new String[] {"1A", "2A", "3A", "5A", "10"})).append("</ReferralSource><PrimaryNeedCode>")
                    .append(SyntheticLondon.pick(random, NEEDS)).append("</PrimaryNeedCode>\n");
            if (closed) {
                xml.append("        <CINclosureDate>").append(referred.plusDays(120)).append("</CINclosureDate><ReasonForClosure>RC1</ReasonForClosure>\n");
            }
            xml.append("        <Assessments><AssessmentActualStartDate>").append(referred.plusDays(3))
                    .append("</AssessmentActualStartDate><AssessmentAuthorisationDate>").append(referred.plusDays(30))
                    .append("</AssessmentAuthorisationDate></Assessments>\n");
            if (plan) {
                xml.append("        <Section47><S47ActualStartDate>").append(referred.plusDays(5))
                        .append("</S47ActualStartDate><ICPCnotRequired>false</ICPCnotRequired></Section47>\n")
                        .append("        <ChildProtectionPlans><CPPstartDate>").append(referred.plusDays(20))
                        .append("</CPPstartDate><InitialCategoryOfAbuse>").append(SyntheticLondon.pick(random, ABUSE))
                        .append("</InitialCategoryOfAbuse><LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP></ChildProtectionPlans>\n");
            }
            xml.append("      </CINdetails>\n    </Child>\n");
        }
        return xml.append("  </Children>\n</Message>\n").toString();
    }
}
