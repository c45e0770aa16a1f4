package uk.safeguarding.connectors.file;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Partners' CSV exports arrive in UTF-8 or in Windows-1252 (spreadsheet exports: the £ of LFB's costs). */
public final class Charsets {

    public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private Charsets() {
    }

    /**
     * A large file as text, streamed: UTF-8 if the whole file is valid UTF-8 (checked in one streaming pass,
     * the byte order mark skipped), else Windows-1252, as {@link #decode} decides for bytes in memory.
     */
    public static java.io.Reader reader(java.nio.file.Path file) throws java.io.IOException {
        boolean utf8 = true;
        try (java.io.Reader check = new java.io.InputStreamReader(java.nio.file.Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            char[] buffer = new char[1 << 16];
            while (check.read(buffer) >= 0) {
                // reading is the check
            }
        } catch (CharacterCodingException notUtf8) {
            utf8 = false;
        }
        java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                java.nio.file.Files.newInputStream(file), utf8 ? StandardCharsets.UTF_8 : WINDOWS_1252), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }

    /** UTF-8 if the bytes are valid UTF-8 (with or without a byte order mark), else Windows-1252. */
    public static String decode(byte[] bytes) {
        return read(bytes).text();
    }

    /** The bytes as text, as {@link #decode} reads them, keeping the bytes and the encoding found. */
    public static Decoded read(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new Decoded(text.startsWith("\uFEFF") ? text.substring(1) : text, StandardCharsets.UTF_8, bytes);
        } catch (CharacterCodingException notUtf8) {
            return new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252, bytes);
        }
    }

    /** A file's text, the encoding it was read in, and its bytes. */
    public record Decoded(String text, Charset charset, byte[] bytes) {

        /**
         * The bytes the partner sent for the characters {@code from} (inclusive) to {@code to} of the text.
         * Windows-1252 is one byte a character, so those are the file's own bytes at the same positions
         * (kept even where a byte has no character); UTF-8 read strictly encodes back to exactly the bytes it
         * was read from (a byte order mark, not part of any record, aside).
         */
        public byte[] bytes(int from, int to) {
            return charset.equals(WINDOWS_1252) ? java.util.Arrays.copyOfRange(bytes, from, to)
                    : text.substring(from, to).getBytes(charset);
        }

        /** What the whole file was received as. */
        public uk.safeguarding.connectors.canonical.SourceRecord.Received received() {
            return new uk.safeguarding.connectors.canonical.SourceRecord.Received(bytes, charset.name());
        }
    }
}
