package dev.hydra.heads.internal;

import dev.hydra.api.CorruptDataException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The frame shared by the binary files of this module: a 4-byte magic, a format version (int), the body,
 * then the CRC32 of everything before it (int). All numbers big-endian.
 */
public final class Checksummed {

    private Checksummed() {}

    /** Writes a body. */
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads a body; {@code location} names the file in errors. */
    public interface Reader<T> {
        T read(DataInputStream in, String location) throws IOException;
    }

    /**
     * Frames a body.
     *
     * @param magic the 4-byte magic
     * @param version the format version
     * @param body the body writer
     * @return the framed bytes
     */
    public static byte[] encode(String magic, int version, Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(magic.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(version);
            body.write(out);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the frame and reads the body.
     *
     * @param bytes the file's contents
     * @param magic the expected magic
     * @param version the supported format version
     * @param what what the file should be, for messages (e.g. "a Hydra head file")
     * @param location the file, for messages
     * @param reader the body reader
     * @param <T> the body type
     * @return the body
     * @throws CorruptDataException naming the file and what is wrong: foreign magic, unsupported version,
     *     truncation, trailing bytes, checksum mismatch, or a bad value found by the reader
     */
    public static <T> T decode(byte[] bytes, String magic, int version, String what, String location,
            Reader<T> reader) {
        if (bytes.length < 4 || !new String(bytes, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals(magic)) {
            throw new CorruptDataException(location, "not " + what + " (no magic \"" + magic + "\"; "
                    + bytes.length + " bytes)");
        }
        if (bytes.length < 8) {
            throw new CorruptDataException(location, "truncated: " + bytes.length + " bytes");
        }
        int found = ByteBuffer.wrap(bytes, 4, 4).getInt();
        if (found != version) {
            throw new CorruptDataException(location, "format version " + found + " is not supported (this "
                    + "version of Hydra reads version " + version + ")");
        }
        int bodyEnd = bytes.length - 4;
        T value;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 8, Math.max(0, bodyEnd - 8)));
            value = reader.read(in, location);
            if (in.available() > 0) {
                throw new CorruptDataException(location, in.available() + " unexpected bytes after the data");
            }
        } catch (EOFException e) {
            throw new CorruptDataException(location, "truncated: the file ends early (" + bytes.length + " bytes)", e);
        } catch (IOException e) {
            throw new CorruptDataException(location, "unreadable: " + e.getMessage(), e);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bodyEnd);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bodyEnd, 4).getInt()) {
            throw new CorruptDataException(location, "checksum mismatch: the file is damaged");
        }
        return value;
    }

    /**
     * Reads {@code count} floats, refusing a count larger than what is left.
     *
     * @param in the input
     * @param count the count read from the file
     * @param location the file, for messages
     * @return the floats
     * @throws IOException when the input fails
     */
    public static float[] readFloats(DataInputStream in, int count, String location) throws IOException {
        if (count < 0 || (long) count * 4 > in.available()) {
            throw new EOFException("declares " + count + " values, " + in.available() + " bytes left");
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = in.readFloat();
        }
        return out;
    }

    /**
     * Writes floats.
     *
     * @param out the output
     * @param values the values
     * @throws IOException when the output fails
     */
    public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        for (float v : values) {
            out.writeFloat(v);
        }
    }
}
