package uk.safeguarding.connectors.file;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import uk.safeguarding.connectors.canonical.BulkLoads;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * A CSV file's rows as source records, mapped by the kind its header shows, or raw with the reason; a file
 * of no known kind as one record, whole, to quarantine. Read from text in memory (the ordinary path, each
 * row keeping the bytes the partner sent for it) or streamed from disk to the hub's bulk path.
 */
final class CsvRows {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
            .setIgnoreEmptyLines(true).get();

    private final String feed;
    private final String agency;
    private final HeaderRecognition headers;

    CsvRows(String feed, String agency, HeaderRecognition headers) {
        this.feed = feed;
        this.agency = agency;
        this.headers = headers;
    }

    /**
     * The records of a CSV text; with the file it was read from ({@code file}, null for a replayed text),
     * each record keeps the bytes the partner sent for it and their encoding.
     */
    List<SourceRecord> read(String run, String name, String text, Charsets.Decoded file) throws IOException {
        List<SourceRecord> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            HeaderRecognition.Recognised kind = headers.recognise(header);
            if (kind == null) {
                records.add(whole(SourceRecord.unmappable(run, feed, agency, "file:" + name, text,
                        headers.unknownHeader(header)), file));
            } else {
                // each row's raw record is its header line and its own line(s), as the partner wrote them
                // (not re-printed, not trimmed), so a replay and an auditor see what was sent
                List<CSVRecord> rows = parser.getRecords();
                int headerEnd = rows.isEmpty() ? 0 : (int) rows.get(0).getCharacterPosition();
                String headerLine = text.substring(0, headerEnd);
                for (int i = 0; i < rows.size(); i++) {
                    int from = (int) rows.get(i).getCharacterPosition();
                    int to = i + 1 < rows.size() ? (int) rows.get(i + 1).getCharacterPosition() : text.length();
                    SourceRecord record = record(run, name, header, kind, rows.get(i), headerLine + text.substring(from, to));
                    records.add(file == null ? record : record.withReceived(new SourceRecord.Received(
                            concat(file.bytes(0, headerEnd), file.bytes(from, to)), file.charset().name())));
                }
            }
        } catch (IllegalStateException | UncheckedIOException notCsv) {
            records.add(whole(SourceRecord.unmappable(run, feed, agency, "file:" + name, text,
                    "the file is not a readable CSV"), file));
        }
        return records;
    }

    /**
     * Streams a CSV file of a known kind from disk to the hub's bulk path, row by row (never held whole),
     * mapped as it is read. Returns false, loading nothing, when its header is of no known kind.
     */
    boolean loadInBulk(String run, String name, Path file, long length, BulkLoads bulk) throws IOException {
        try (Reader in = Charsets.reader(file); CSVParser parser = CSVParser.parse(in, FORMAT)) {
            List<String> header = parser.getHeaderNames();
            HeaderRecognition.Recognised kind = headers.recognise(header);
            if (kind == null) {
                return false;
            }
            Iterator<CSVRecord> rows = parser.iterator();
            long[] position = {1, 1}; // rows read, characters read
            Iterator<SourceRecord> records = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public SourceRecord next() {
                    CSVRecord row = rows.next();
                    position[0] = row.getRecordNumber();
                    position[1] = Math.max(1, row.getCharacterPosition());
                    return record(run, name, header, kind, row, line(header, row));
                }
            };
            // rows in all, estimated from the share of the file read so far (characters against bytes)
            bulk.load(run, records, () -> position[0] * length / position[1]);
            return true;
        }
    }

    /** One row as a source record, mapped by its kind, or raw with the reason. */
    private SourceRecord record(String run, String name, List<String> header, HeaderRecognition.Recognised kind,
            CSVRecord row, String raw) {
        if (!row.isConsistent()) {
            return SourceRecord.unmappable(run, feed, agency, name + "#" + row.getRecordNumber(), raw,
                    "row " + row.getRecordNumber() + ": expected " + header.size() + " columns, found " + row.size());
        }
        Map<String, String> values = kind.version().rename(new LinkedHashMap<>(row.toMap()));
        return kind.kind().mapper().map(run, values, raw);
    }

    /** A record that is the whole file, with the file's bytes when there is a file. */
    private static SourceRecord whole(SourceRecord record, Charsets.Decoded file) {
        return file == null ? record : record.withReceived(file.received());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * The row with its header, re-printed: the bulk path's raw record, since it streams the file and does
     * not keep the text it has read.
     */
    private static String line(List<String> header, CSVRecord row) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(header);
            printer.printRecord(row.values());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
