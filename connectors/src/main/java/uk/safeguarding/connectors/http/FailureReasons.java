package uk.safeguarding.connectors.http;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * Why a run or an item failed, in words an operator can act on, naming pages, fields and types but never
 * values: a message can quote record content (personal data), so most are not repeated.
 */
final class FailureReasons {

    private FailureReasons() {
    }

    /** Why a run failed. */
    static String ofRun(Exception cause) {
        if (cause instanceof PartnerUnavailableException) {
            return cause.getMessage() + " (retries exhausted)";
        }
        if (cause instanceof IOException) {
            return cause.getClass().getSimpleName() + " (retries exhausted)";
        }
        if (cause instanceof IllegalStateException && cause.getMessage() != null && cause.getMessage().startsWith("page ")) {
            return cause.getMessage();
        }
        // Other messages are not repeated: a database error can quote the values it refused.
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return cause.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return cause == null ? "unknown failure" : cause.getClass().getSimpleName();
    }

    /** Why an item could not be read: the field and the expected type. */
    static String ofItem(IOException ex) {
        if (ex instanceof MismatchedInputException mismatch) {
            String path = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String type = mismatch.getTargetType() == null ? "the expected type" : mismatch.getTargetType().getSimpleName();
            return path + ": could not be read as " + type;
        }
        return "the incident could not be read";
    }
}
