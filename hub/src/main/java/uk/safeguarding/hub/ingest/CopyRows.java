package uk.safeguarding.hub.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.postgresql.copy.CopyManager;

/**
 * Rows in PostgreSQL's binary COPY format, built in memory for one chunk and sent with one
 * {@code COPY ... FROM STDIN (FORMAT binary)}: no statement to parse per row, no text to convert.
 */
final class CopyRows {

    /** PostgreSQL's epoch, 2000-01-01T00:00:00Z, in Unix seconds. */
    private static final long PG_EPOCH = 946_684_800L;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private int rows;

    CopyRows() {
        try {
            out.write("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1));
            out.writeInt(0); // flags
            out.writeInt(0); // header extension length
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int rows() {
        return rows;
    }

    CopyRows row(int fields) {
        rows++;
        return write(() -> out.writeShort(fields));
    }

    CopyRows text(String value) {
        return write(() -> {
            if (value == null) {
                out.writeInt(-1);
            } else {
                byte[] b = value.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        });
    }

    CopyRows int4(int value) {
        return write(() -> {
            out.writeInt(4);
            out.writeInt(value);
        });
    }

    CopyRows int8(long value) {
        return write(() -> {
            out.writeInt(8);
            out.writeLong(value);
        });
    }

    CopyRows uuid(UUID value) {
        return write(() -> {
            out.writeInt(16);
            out.writeLong(value.getMostSignificantBits());
            out.writeLong(value.getLeastSignificantBits());
        });
    }

    /** A timestamptz: microseconds since PostgreSQL's epoch. */
    CopyRows timestamp(Instant value) {
        return write(() -> {
            out.writeInt(8);
            out.writeLong((value.getEpochSecond() - PG_EPOCH) * 1_000_000L + value.getNano() / 1_000);
        });
    }

    /** Sends the rows into {@code table (columns)}; nothing is sent when there are none. */
    long copyInto(CopyManager copy, String table, String columns) {
        if (rows == 0) {
            return 0;
        }
        try {
            out.writeShort(-1); // trailer
            out.flush();
            return copy.copyIn("copy " + table + " (" + columns + ") from stdin (format binary)",
                    new ByteArrayInputStream(bytes.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new org.springframework.dao.DataIntegrityViolationException("COPY into " + table + " failed (SQL state "
                    + e.getSQLState() + ")", e);
        }
    }

    private CopyRows write(Field field) {
        try {
            field.write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @FunctionalInterface
    private interface Field {
        void write() throws IOException;
    }
}
