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
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, WINDOWS_1252);
        }
    }
}
