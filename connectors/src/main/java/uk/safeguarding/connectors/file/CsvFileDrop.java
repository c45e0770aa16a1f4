package uk.safeguarding.connectors.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
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
            records = raw.stripLeading().startsWith("<") ? readOther(runId, "replay", raw) : csvRows().read(runId, "replay", raw, null);
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
        e.getIn().setBody(csvRows().read(run, name, file.text(), file));
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
        return csvRows().loadInBulk(run, name, Path.of(path), length, bulk);
    }

    /** The drop's CSV reading, by the kinds it accepts. */
    private CsvRows csvRows() {
        return new CsvRows(props.feed(), props.agency(), new HeaderRecognition(kinds()));
    }
}
