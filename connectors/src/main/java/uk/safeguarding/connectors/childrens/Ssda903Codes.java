package uk.safeguarding.connectors.childrens;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The DfE's SSDA903 code lists, as data ({@code ssda903-codes.csv} beside this class): list, code, what
 * it means and the collection years it belongs to. When the DfE changes a list, the file changes, not the
 * mapper.
 */
final class Ssda903Codes {

    private static final Map<String, Map<String, String>> LISTS = load();

    private Ssda903Codes() {
    }

    /** A code list by the SSDA903 column it codes ({@code SEX}, {@code PLACE}, ...): code to meaning. */
    static Map<String, String> list(String column) {
        Map<String, String> codes = LISTS.get(column);
        if (codes == null) {
            throw new IllegalArgumentException("no SSDA903 code list for " + column);
        }
        return codes;
    }

    private static Map<String, Map<String, String>> load() {
        try (InputStream in = Ssda903Codes.class.getResourceAsStream("ssda903-codes.csv");
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            Map<String, Map<String, String>> lists = new LinkedHashMap<>();
            for (CSVRecord code : CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true)
                    .get().parse(reader)) {
                lists.computeIfAbsent(code.get("list"), l -> new LinkedHashMap<>()).put(code.get("code"), code.get("meaning"));
            }
            lists.replaceAll((list, codes) -> Collections.unmodifiableMap(codes));
            return Collections.unmodifiableMap(lists);
        } catch (IOException e) {
            throw new UncheckedIOException("the SSDA903 code lists could not be read", e);
        }
    }
}
