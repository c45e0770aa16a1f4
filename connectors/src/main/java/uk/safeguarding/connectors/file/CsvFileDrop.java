package uk.safeguarding.connectors.file;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Iterator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import uk.safeguarding.connectors.canonical.BulkLoads;
import uk.safeguarding.connectors.canonical.FeedRuns;
import uk.safeguarding.connectors.canonical.RecordGateway;
import uk.safeguarding.connectors.canonical.Replayable;
import uk.safeguarding.connectors.canonical.SourceRecord;

/**
 * Reads a partner's CSV file drop. A file still being written waits until it has stopped changing; a
 * file being read is in {@code .inprogress/}, a file read is moved to {@code .done/}. The kind of a file is known by its header; every row reaches the
 * hub, mapped or raw with its reason; a file of no known kind reaches it whole, as one record to
 * quarantine. If the hub fails, the run is marked failed and the file is put back in the drop to be read
 * again (rows already kept come back as duplicates, so nothing is doubled).
 */
public abstract class CsvFileDrop extends RouteBuilder implements Replayable {

    /** Maps one row (by column name) to a source record, or to an unmappable one with the reason. */
    @FunctionalInterface
    public interface RowMapper {
        SourceRecord map(String runId, Map<String, String> row, String raw);
    }

    /**
     * A kind of file: recognised when its header has all of {@code columns} (the names the mapper reads),
     * or all the columns of one of its other published {@code versions}.
     */
    public record FileKind(String name, List<String> columns, RowMapper mapper, List<HeaderVersion> versions) {

        public FileKind(String name, List<String> columns, RowMapper mapper) {
            this(name, columns, mapper, List.of());
        }

        /** Every header this kind accepts, its own first. */
        public List<HeaderVersion> accepted() {
            List<HeaderVersion> all = new ArrayList<>();
            all.add(new HeaderVersion(name, columns, Map.of()));
            all.addAll(versions);
            return all;
        }
    }

    /**
     * One published version of a file's header: the columns it must have, and which of its column names
     * stand for which name the mapper reads ({@code published -> read}); columns a version lacks are
     * simply absent from its rows.
     */
    public record HeaderVersion(String name, List<String> columns, Map<String, String> renames) {

        /** A row of this version keyed by the names the mapper reads. */
        Map<String, String> rename(Map<String, String> row) {
            if (renames.isEmpty()) {
                return row;
            }
            Map<String, String> renamed = new LinkedHashMap<>();
            row.forEach((column, value) -> renamed.put(renames.getOrDefault(column, column), value));
            return renamed;
        }
    }

    static final String RUN_ID = "hubRunId";
    /** Where a file is while it is read, and where it goes once read (both inside the drop folder). */
    public static final String IN_PROGRESS = ".inprogress";
    public static final String DONE = ".done";

    private final FileDropSettings props;
    static final int BATCH = 500;

    private final RecordGateway gateway;
    private final FeedRuns runs;

    protected CsvFileDrop(FileDropSettings props, RecordGateway gateway, FeedRuns runs) {
        this.props = props;
        this.gateway = gateway;
        this.runs = runs;
    }

    /** The kinds of CSV file this drop accepts. */
    protected abstract List<FileKind> kinds();

    /** Which file names are read (a regular expression). */
    protected String include() {
        return ".*\\.csv";
    }

    /** The records in a file that is not CSV (a subclass that takes other files reads them here). */
    protected List<SourceRecord> readOther(String runId, String fileName, String text) {
        return List.of(SourceRecord.unmappable(runId, props.feed(), props.agency(), "file:" + fileName, text,
                "not a CSV file"));
    }

    protected FileDropSettings settings() {
        return props;
    }

    @Override
    public String feedCode() {
        return props.feed();
    }

    @Override
    public String feedAgency() {
        return props.agency();
    }

    @Override
    public Transport feedTransport() {
        return Transport.FILE_DROP;
    }

    /** A CSV record's raw form is its header and row; anything else is read as {@link #readOther} reads it. */
    @Override
    public SourceRecord replay(String runId, String raw) {
        List<SourceRecord> records;
        try {
            records = raw.stripLeading().startsWith("<") ? readOther(runId, "replay", raw) : csv(runId, "replay", raw, null);
        } catch (IOException e) {
            records = List.of();
        }
        if (records.size() != 1) {
            return SourceRecord.unmappable(runId, props.feed(), props.agency(), "unidentified:" + Integer.toHexString(raw.hashCode()),
                    raw, "a replayed record must hold exactly one row (with its header) or one element");
        }
        return records.get(0);
    }

    @Override
    public void configure() {
        errorHandler(defaultErrorHandler().logExhausted(false).logStackTrace(false));
        // not handled: the file is rolled back (see moveFailed) and read again at the next poll. This runs once
        // per failure, where it happens (in a batch of the split or on the file itself): an exception the error
        // handler has had is not handled again by the enclosing exchange.
        onException(Exception.class)
                .handled(false)
                .process(e -> {
                    String run = e.getIn().getHeader(RUN_ID, String.class);
                    if (run != null) {
                        Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                        runs.fail(run, cause == null ? "unknown failure" : cause.getClass().getSimpleName());
                    }
                });

        long settle = props.settle().toMillis();
        // A file is renamed into .inprogress/ when it is picked up, so a partner dropping a file of the same
        // name while it is read makes a new file that the next poll reads (moving it to .done/ only after the
        // run would have taken the new content away unread). A failed file goes back into the drop under a
        // name of its own, so that it cannot overwrite a newer drop, and is read again. Both moves are
        // relative to the drop folder.
        from("file:" + props.dir() + "?include=" + include() + "&readLock=changed&readLockCheckInterval=" + Math.max(100, settle / 2)
                + "&readLockMinAge=" + settle + "&readLockTimeout=" + (settle * 10 + 1000)
                + "&preMove=" + IN_PROGRESS + "/${file:onlyname}"
                + "&move=" + DONE + "/${date:now:yyyyMMdd'T'HHmmssSSS}-${file:onlyname}"
                + "&moveFailed=${file:onlyname.noext}.retry-${date:now:yyyyMMdd'T'HHmmssSSS}.${file:ext}"
                + "&delay=" + props.poll().toMillis() + "&initialDelay=" + props.initialDelay().toMillis())
                .routeId(props.feed())
                .process(this::openRun)
                .process(this::rows)
                // kept in batches of up to 500 records, each in one transaction
                .split(method(CsvFileDrop.class, "batches")).stopOnException().bean(gateway, "receiveAll").end()
                .process(e -> runs.complete(e.getIn().getHeader(RUN_ID, String.class)));
    }

    /** A file's records in batches of {@value #BATCH}. */
    public static List<List<SourceRecord>> batches(List<SourceRecord> records) {
        List<List<SourceRecord>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += BATCH) {
            batches.add(records.subList(from, Math.min(records.size(), from + BATCH)));
        }
        return batches;
    }

    private void openRun(Exchange e) {
        String run = runs.open(props.feed()).orElseThrow(() ->
                new IllegalStateException("another hub instance is reading the " + props.feed() + " drop"));
        e.getIn().setHeader(RUN_ID, run);
    }

    /** The file's rows as source records, by the kind its header shows, or the whole file to quarantine. */
    private void rows(Exchange e) throws IOException {
        String run = e.getIn().getHeader(RUN_ID, String.class);
        String name = e.getIn().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        if (loadInBulk(e, run, name)) {
            e.getIn().setBody(List.of());
            return;
        }
        Charsets.Decoded file = Charsets.read(e.getIn().getBody(byte[].class));
        if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            // a record that is the whole file keeps the file's bytes; one cut from it (a CIN child) keeps its text
            e.getIn().setBody(readOther(run, name, file.text()).stream()
                    .map(r -> r.raw().equals(file.text()) ? r.withReceived(file.received()) : r).toList());
            return;
        }
        e.getIn().setBody(csv(run, name, file.text(), file));
    }

    /**
     * The records of a CSV text; with the file it was read from ({@code file}, null for a replayed text),
     * each record keeps the bytes the partner sent for it and their encoding.
     */
    private List<SourceRecord> csv(String run, String name, String text, Charsets.Decoded file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        List<SourceRecord> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            Recognised kind = recognise(header);
            if (kind == null) {
                records.add(whole(SourceRecord.unmappable(run, props.feed(), props.agency(), "file:" + name, text,
                        unknownHeader(header)), file));
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
        } catch (IllegalStateException | java.io.UncheckedIOException notCsv) {
            records.add(whole(SourceRecord.unmappable(run, props.feed(), props.agency(), "file:" + name, text,
                    "the file is not a readable CSV"), file));
        }
        return records;
    }

    /** A record that is the whole file, with the file's bytes when there is a file. */
    private static SourceRecord whole(SourceRecord record, Charsets.Decoded file) {
        return file == null ? record : record.withReceived(file.received());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * Why a header is none of the accepted ones: the nearest accepted header (fewest columns missing), the
     * columns it lacks and those it has that the nearest does not. Column names only; when not one column
     * is known, the first line may be data, so its values are not repeated.
     */
    private String unknownHeader(List<String> header) {
        FileKind nearestKind = null;
        HeaderVersion nearest = null;
        List<String> missing = null;
        for (FileKind k : kinds()) {
            for (HeaderVersion v : k.accepted()) {
                List<String> lacks = v.columns().stream().filter(c -> !header.contains(c)).toList();
                if (missing == null || lacks.size() < missing.size()) {
                    nearestKind = k;
                    nearest = v;
                    missing = lacks;
                }
            }
        }
        String accepted = kinds().stream().map(FileKind::name).toList().toString();
        if (nearest == null || missing.size() == nearest.columns().size()) {
            return "unknown header: not one column of " + accepted + " (is the first line a header?)";
        }
        List<String> expected = nearest.columns();
        List<String> unexpected = header.stream().filter(c -> !expected.contains(c)).toList();
        return "unknown header: the file is none of " + accepted + "; nearest is " + nearestKind.name()
                + (nearest.name().equals(nearestKind.name()) ? "" : " (" + nearest.name() + ")") + ": missing "
                + names(missing) + ", unexpected " + names(unexpected);
    }

    private static String names(List<String> columns) {
        return columns.size() <= 12 ? columns.toString()
                : columns.subList(0, 12) + " and " + (columns.size() - 12) + " more";
    }

    /** A file's kind and the version of its header. */
    private record Recognised(FileKind kind, HeaderVersion version) {
    }

    /** The first kind (and header version) whose columns the header has; null when none. */
    private Recognised recognise(List<String> header) {
        for (FileKind k : kinds()) {
            for (HeaderVersion v : k.accepted()) {
                if (new HashSet<>(header).containsAll(v.columns())) {
                    return new Recognised(k, v);
                }
            }
        }
        return null;
    }

    /** One row as a source record, mapped by its kind, or raw with the reason. */
    private SourceRecord record(String run, String name, List<String> header, Recognised kind, CSVRecord row, String raw) {
        if (!row.isConsistent()) {
            return SourceRecord.unmappable(run, props.feed(), props.agency(), name + "#" + row.getRecordNumber(), raw,
                    "row " + row.getRecordNumber() + ": expected " + header.size() + " columns, found " + row.size());
        }
        Map<String, String> values = kind.version().rename(new LinkedHashMap<>(row.toMap()));
        return kind.kind().mapper().map(run, values, raw);
    }

    /**
     * A large CSV file of a known kind goes to the hub's bulk path when the hub has one: streamed from
     * disk row by row (never held whole), mapped as it is read, published in one transaction. Returns
     * false when the file is for the ordinary path (small, not CSV, an unknown header, or no bulk path).
     */
    private boolean loadInBulk(Exchange e, String run, String name) throws IOException {
        BulkLoads bulk = getContext().getRegistry().findSingleByType(BulkLoads.class);
        Long length = e.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        String path = e.getIn().getHeader(Exchange.FILE_PATH, String.class);
        if (bulk == null || length == null || path == null || length < bulk.minimumBytes()
                || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            return false;
        }
        Path file = Path.of(path);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (Reader in = Charsets.reader(file); CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            Recognised kind = recognise(header);
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
                    try {
                        return record(run, name, header, kind, row, line(header, row));
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                }
            };
            // rows in all, estimated from the share of the file read so far (characters against bytes)
            bulk.load(run, records, () -> position[0] * length / position[1]);
            return true;
        }
    }

    /**
     * The row with its header, re-printed: the bulk path's raw record, since it streams the file and does
     * not keep the text it has read.
     */
    private static String line(List<String> header, CSVRecord row) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(header);
            printer.printRecord(row.values());
        }
        return out.toString();
    }
}
