package uk.safeguarding.connectors.childrens;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import uk.safeguarding.connectors.canonical.Address;
import uk.safeguarding.connectors.canonical.EventRecord;
import uk.safeguarding.connectors.canonical.EventRecord.Role;
import uk.safeguarding.connectors.canonical.EventRecord.Sensitivity;
import uk.safeguarding.connectors.canonical.PersonRecord;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Reads a DfE Children in Need census return: {@code Message/Children/Child}, each with its identifiers,
 * characteristics and {@code CINdetails} episodes (referral, assessments, s47 enquiries, child
 * protection plans). The census carries no names: the partnership's export adds a {@code ChildName}
 * block and a {@code HomePostcode}. One record per child; DTDs and external entities are refused.
 */
final class CinCensusReader {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    /** DfE primary need codes. */
    private static final Map<String, String> NEEDS = Map.of("N0", "not stated", "N1", "abuse or neglect",
            "N2", "child's disability or illness", "N3", "parental disability or illness", "N4", "family in acute stress",
            "N5", "family dysfunction", "N6", "socially unacceptable behaviour", "N7", "low income",
            "N8", "absent parenting", "N9", "cases other than children in need");
    private static final Map<String, String> ABUSE = Map.of("NEG", "neglect", "PHY", "physical abuse",
            "SAB", "sexual abuse", "EMO", "emotional abuse", "MUL", "multiple categories");

    /** Sex (2024-25: M, F, U; 1 and 2 also seen) and GenderCurrent (before 2024: 0, 1, 2, 9). */
    private static final Map<String, PersonRecord.Sex> SEX = Map.of("1", PersonRecord.Sex.MALE, "M", PersonRecord.Sex.MALE,
            "2", PersonRecord.Sex.FEMALE, "F", PersonRecord.Sex.FEMALE, "0", PersonRecord.Sex.UNKNOWN,
            "9", PersonRecord.Sex.UNKNOWN, "U", PersonRecord.Sex.UNKNOWN);

    private final String feed;
    private final String agency;

    CinCensusReader(String feed, String agency) {
        this.feed = feed;
        this.agency = agency;
    }

    List<SourceRecord> read(String runId, String fileName, String xml) {
        Document doc;
        try {
            doc = parser().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return List.of(SourceRecord.unmappable(runId, feed, agency, "file:" + fileName, xml,
                    "not well-formed XML (or it declares a DTD, which is refused)"));
        }
        Element message = doc.getDocumentElement();
        if ("Child".equals(message.getTagName())) {
            // one child on its own: a corrected record being replayed
            return List.of(child(runId, fileName, 1, message));
        }
        if (!"Message".equals(message.getTagName())) {
            return List.of(SourceRecord.unmappable(runId, feed, agency, "file:" + fileName, xml,
                    "not a CIN census return: the root element is not Message"));
        }
        List<SourceRecord> records = new ArrayList<>();
        NodeList children = message.getElementsByTagName("Child");
        for (int i = 0; i < children.getLength(); i++) {
            records.add(child(runId, fileName, i + 1, (Element) children.item(i)));
        }
        return records;
    }

    private SourceRecord child(String runId, String fileName, int position, Element child) {
        String raw = xml(child);
        String laId = text(child, "LAchildID");
        if (laId == null) {
            return SourceRecord.unmappable(runId, feed, agency, fileName + "#child-" + position, raw, "LAchildID: missing");
        }
        List<String> problems = new ArrayList<>();
        LocalDate born = date(child, "PersonBirthDate", problems);
        String localId = "child:" + laId;
        PersonRecord person = new PersonRecord(localId, text(child, "GivenName"), text(child, "FamilyName"), born,
                sex(child, problems), null, List.of(agency + ":" + localId), List.of(new Address(null, text(child, "HomePostcode"), null, null)),
                null, null, text(child, "Ethnicity"));
        List<EventRecord> events = new ArrayList<>();
        NodeList episodes = child.getElementsByTagName("CINdetails");
        for (int e = 0; e < episodes.getLength(); e++) {
            Element cin = (Element) episodes.item(e);
            LocalDate referred = date(cin, "CINreferralDate", problems);
            if (referred == null) {
                problems.add("CINdetails[" + e + "].CINreferralDate: missing");
                continue;
            }
            String need = text(cin, "PrimaryNeedCode");
            String closure = text(cin, "CINclosureDate");
            events.add(new EventRecord(laId + "/cin/" + referred, "cin-referral", at(referred),
                    need == null ? null : NEEDS.getOrDefault(need, need),
                    "Children in need referral (source " + orNone(text(cin, "ReferralSource")) + ")"
                            + (closure == null ? ", open" : ", closed " + closure + " (" + orNone(text(cin, "ReasonForClosure")) + ")"),
                    null, Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(localId, Role.CHILD))));
            NodeList s47 = cin.getElementsByTagName("Section47");
            for (int s = 0; s < s47.getLength(); s++) {
                LocalDate started = date((Element) s47.item(s), "S47ActualStartDate", problems);
                if (started != null) {
                    events.add(new EventRecord(laId + "/s47/" + started, "section-47-enquiry", at(started), "section 47",
                            "Child protection enquiry (Children Act 1989 s47)", null, Sensitivity.SPECIAL_CATEGORY,
                            List.of(new EventRecord.Party(localId, Role.CHILD))));
                }
            }
            NodeList plans = cin.getElementsByTagName("ChildProtectionPlans");
            List<Element> seen = new ArrayList<>();
            for (int p = 0; p < plans.getLength(); p++) {
                Element plan = (Element) plans.item(p);
                // a return can repeat a plan word for word (the validators' own fixtures do): it is one plan
                if (seen.stream().anyMatch(plan::isEqualNode)) {
                    continue;
                }
                seen.add(plan);
                LocalDate started = date(plan, "CPPstartDate", problems);
                if (started != null) {
                    String category = text(plan, "InitialCategoryOfAbuse");
                    events.add(new EventRecord(laId + "/cpp/" + started, "child-protection-plan", at(started),
                            category == null ? null : ABUSE.getOrDefault(category, category),
                            "Child protection plan" + (text(plan, "CPPendDate") == null ? ", current" : ", ended " + text(plan, "CPPendDate")),
                            null, Sensitivity.SPECIAL_CATEGORY, List.of(new EventRecord.Party(localId, Role.CHILD))));
                }
            }
        }
        String sourceId = "child:" + laId;
        if (!problems.isEmpty()) {
            return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(), List.of(), problems);
        }
        return new SourceRecord(runId, feed, agency, sourceId, raw, List.of(person), events, List.of());
    }

    /**
     * {@code <Sex>} from the 2024-25 census (M/F, and 1/2 as some returns still write it), else the
     * {@code <GenderCurrent>} of earlier returns (0 not known, 1 male, 2 female, 9 not specified).
     */
    private static PersonRecord.Sex sex(Element child, List<String> problems) {
        String tag = text(child, "Sex") != null ? "Sex" : "GenderCurrent";
        String code = text(child, tag);
        if (code == null) {
            return null;
        }
        PersonRecord.Sex sex = SEX.get(code.toUpperCase(java.util.Locale.ROOT));
        if (sex == null) {
            problems.add(tag + ": not a CIN census code (" + String.join(", ", SEX.keySet().stream().sorted().toList()) + ")");
        }
        return sex;
    }

    private static java.time.Instant at(LocalDate day) {
        return day.atTime(9, 0).atZone(LONDON).toInstant();
    }

    private static LocalDate date(Element parent, String tag, List<String> problems) {
        String value = text(parent, tag);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(tag + ": not a date (YYYY-MM-DD)");
            return null;
        }
    }

    /** The text of the first descendant with this tag, or null. */
    private static String text(Element parent, String tag) {
        NodeList found = parent.getElementsByTagName(tag);
        if (found.getLength() == 0) {
            return null;
        }
        String value = found.item(0).getTextContent();
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String orNone(String value) {
        return value == null ? "not recorded" : value;
    }

    /** Partner XML is untrusted: no DTDs, no external entities, no network. */
    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder;
    }

    private static String xml(Node node) {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }
}
