package dev.hydra.heads.internal;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;

/**
 * Version 1 of the head file: the {@link Checksummed} frame with magic {@code "HYHD"} around
 * {@code module (UTF), user id (UTF), kind (UTF), count (int), count floats}. The user id and module are kept
 * so that a file that does not belong where it lies (copied, renamed, a hash collision) is refused.
 */
public final class HeadFileFormat {

    /** The magic. */
    public static final String MAGIC = "HYHD";

    /** The format version written and read. */
    public static final int VERSION = 1;

    private HeadFileFormat() {}

    /**
     * A decoded head file.
     *
     * @param module the module
     * @param user the user
     * @param head the parameters
     */
    public record Entry(String module, UserId user, HeadParameters head) {}

    /**
     * Encodes a head.
     *
     * @param module the module
     * @param user the user
     * @param head the parameters
     * @return the file's bytes
     */
    public static byte[] encode(String module, UserId user, HeadParameters head) {
        float[] values = head.values();
        return Checksummed.encode(MAGIC, VERSION, out -> {
            out.writeUTF(module);
            out.writeUTF(user.value());
            out.writeUTF(head.kind());
            out.writeInt(values.length);
            Checksummed.writeFloats(out, values);
        });
    }

    /**
     * Decodes a head file.
     *
     * @param bytes the contents
     * @param location the file, for messages
     * @return the entry
     * @throws CorruptDataException when the file is damaged, truncated or foreign
     */
    public static Entry decode(byte[] bytes, String location) {
        return Checksummed.decode(bytes, MAGIC, VERSION, "a Hydra head file", location, (in, where) -> {
            String module = in.readUTF();
            String user = in.readUTF();
            String kind = in.readUTF();
            float[] values = Checksummed.readFloats(in, in.readInt(), where);
            try {
                return new Entry(module, UserId.of(user), new HeadParameters(kind, values));
            } catch (IllegalArgumentException e) {
                throw new CorruptDataException(where, "invalid contents: " + e.getMessage(), e);
            }
        });
    }
}
