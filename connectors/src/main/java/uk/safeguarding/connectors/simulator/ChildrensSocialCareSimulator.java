package uk.safeguarding.connectors.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uk.safeguarding.connectors.simulator.SyntheticLondon.Resident;

/**
 * The simulated children's social care file drop: a Children in Need census return (DfE XML) for
 * children living with some of the residents, with the ChildName block and home postcode the
 * partnership's export adds. Run {@code main} to regenerate {@code src/main/resources/simulator/csc}.
 */
public final class ChildrensSocialCareSimulator {

    public static final String RESOURCE_DIR = "simulator/csc";
    public static final String CIN_FILE = "lambeth-cin-census-2026.xml";
    public static final int CHILDREN = 12;
    private static final String[] NEEDS = {"N1", "N4", "N5", "N2", "N6"};
    private static final String[] ABUSE = {"NEG", "EMO", "PHY", "MUL"};

    private ChildrensSocialCareSimulator() {
    }

    public static Map<String, byte[]> files() {
        return Map.of(CIN_FILE, cin().getBytes(StandardCharsets.UTF_8));
    }

    static String cin() {
        List<Resident> children = SyntheticLondon.children(PoliceApiSimulator.SEED, CHILDREN);
        Random random = new Random(PoliceApiSimulator.SEED + 10);
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
            LocalDate referred = LocalDate.of(2025, 4, 1).plusDays(random.nextInt(540));
            boolean closed = random.nextInt(3) == 0;
            boolean plan = random.nextInt(2) == 0;
            xml.append("    <Child>\n")
                    .append("      <ChildIdentifiers><LAchildID>").append(child.trueId()).append("</LAchildID><UPN>A208")
                    .append(String.format("%09d", Integer.parseInt(child.trueId().substring(1)))).append("</UPN><PersonBirthDate>")
                    .append(child.dateOfBirth()).append("</PersonBirthDate><Sex>").append(child.sex().equals("Male") ? "1" : "2")
                    .append("</Sex></ChildIdentifiers>\n")
                    .append("      <ChildName><GivenName>").append(child.givenName()).append("</GivenName><FamilyName>")
                    .append(child.familyName()).append("</FamilyName></ChildName>\n")
                    .append("      <HomePostcode>").append(child.postcode()).append("</HomePostcode>\n")
                    .append("      <ChildCharacteristics><Ethnicity>").append(SyntheticLondon.pick(random, new String[] {"WBRI", "BAFR", "BCRB", "MWBC", "AOTH"}))
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

    public static void main(String[] args) throws IOException {
        SimulatedFiles.write(args, RESOURCE_DIR, files());
    }
}
