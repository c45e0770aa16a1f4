package uk.safeguarding.simulators;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** What the simulators write: WireMock stubs for a page of an API, and CSV files. */
final class SimulatedFiles {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SimulatedFiles() {
    }

    /** A WireMock stub mapping answering {@code GET urlPath?page=N} with this body. */
    static String pageStub(String name, String urlPath, int page, String contentType, ObjectNode body) {
        ObjectNode stub = JSON.createObjectNode();
        stub.put("name", name + " page " + page);
        ObjectNode request = stub.putObject("request");
        request.put("method", "GET");
        request.put("urlPath", urlPath);
        request.putObject("queryParameters").putObject("page").put("equalTo", String.valueOf(page));
        ObjectNode response = stub.putObject("response");
        response.put("status", 200);
        response.putObject("headers").put("Content-Type", contentType);
        response.set("jsonBody", body);
        try {
            return JSON.writeValueAsString(stub) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A WireMock stub mapping answering {@code GET urlPath} with these query parameters (exact values) with
     * this body, run through WireMock's response templating so the body can name the server's own
     * address ({@code {{request.baseUrl}}}), as a FHIR server's absolute links do.
     */
    static String templatedStub(String name, String urlPath, Map<String, String> query, String contentType, ObjectNode body) {
        ObjectNode stub = JSON.createObjectNode();
        stub.put("name", name);
        ObjectNode request = stub.putObject("request");
        request.put("method", "GET");
        request.put("urlPath", urlPath);
        if (!query.isEmpty()) {
            ObjectNode params = request.putObject("queryParameters");
            query.forEach((param, value) -> params.putObject(param).put("equalTo", value));
        }
        ObjectNode response = stub.putObject("response");
        response.put("status", 200);
        response.putObject("headers").put("Content-Type", contentType);
        response.set("jsonBody", body);
        response.putArray("transformers").add("response-template");
        try {
            return JSON.writeValueAsString(stub) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csv(String[] header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header).get())) {
            for (List<Object> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static Map<String, byte[]> utf8(Map<String, String> files) {
        Map<String, byte[]> bytes = new java.util.LinkedHashMap<>();
        files.forEach((name, text) -> bytes.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }
}
