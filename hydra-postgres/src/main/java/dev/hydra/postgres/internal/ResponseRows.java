package dev.hydra.postgres.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/** The bytes of a cached answer's row: key text and answer as UTF-8, and their checksum. */
public final class ResponseRows {

    private ResponseRows() {}

    /**
     * The row's bytes.
     *
     * @param keyText the key's canonical text
     * @param answer the answer
     * @return the key text's and the answer's UTF-8 bytes
     */
    public static byte[][] encode(String keyText, String answer) {
        return new byte[][] {keyText.getBytes(StandardCharsets.UTF_8), answer.getBytes(StandardCharsets.UTF_8)};
    }

    /**
     * The CRC32 of the key text's length, the key text and the answer (the length, so that bytes moved from one
     * to the other are a mismatch).
     *
     * @param keyText the key text's bytes
     * @param answer the answer's bytes
     * @return the checksum
     */
    public static long checksum(byte[] keyText, byte[] answer) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(4).putInt(keyText.length).array());
        crc.update(keyText);
        crc.update(answer);
        return crc.getValue();
    }

    /**
     * Reads a row, checking its checksum and its UTF-8.
     *
     * @param keyText the key text's bytes, or null
     * @param answer the answer's bytes, or null
     * @param checksum the stored checksum
     * @return the key text and the answer, or empty when the row is damaged
     */
    public static Optional<String[]> read(byte[] keyText, byte[] answer, long checksum) {
        if (keyText == null || answer == null || checksum(keyText, answer) != checksum) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String[] {utf8(keyText), utf8(answer)});
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        return chars.toString();
    }
}
