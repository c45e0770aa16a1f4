package uk.safeguarding.connectors.file;

import java.util.HashSet;
import java.util.List;
import uk.safeguarding.connectors.file.CsvFileDrop.FileKind;
import uk.safeguarding.connectors.file.CsvFileDrop.HeaderVersion;

/** Which of a drop's kinds of file (and which version of its header) a CSV header is, or why it is none. */
final class HeaderRecognition {

    /** A file's kind and the version of its header. */
    record Recognised(FileKind kind, HeaderVersion version) {
    }

    private final List<FileKind> kinds;

    HeaderRecognition(List<FileKind> kinds) {
        this.kinds = kinds;
    }

    /** The first kind (and header version) whose columns the header has; null when none. */
    Recognised recognise(List<String> header) {
        for (FileKind k : kinds) {
            for (HeaderVersion v : k.accepted()) {
                if (new HashSet<>(header).containsAll(v.columns())) {
                    return new Recognised(k, v);
                }
            }
        }
        return null;
    }

    /**
     * Why a header is none of the accepted ones: the nearest accepted header (fewest columns missing), the
     * columns it lacks and those it has that the nearest does not. Column names only; when not one column
     * is known, the first line may be data, so its values are not repeated.
     */
    String unknownHeader(List<String> header) {
        FileKind nearestKind = null;
        HeaderVersion nearest = null;
        List<String> missing = null;
        for (FileKind k : kinds) {
            for (HeaderVersion v : k.accepted()) {
                List<String> lacks = v.columns().stream().filter(c -> !header.contains(c)).toList();
                if (missing == null || lacks.size() < missing.size()) {
                    nearestKind = k;
                    nearest = v;
                    missing = lacks;
                }
            }
        }
        String accepted = kinds.stream().map(FileKind::name).toList().toString();
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
}
