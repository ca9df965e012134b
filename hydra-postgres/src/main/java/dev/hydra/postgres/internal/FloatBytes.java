package dev.hydra.postgres.internal;

import java.nio.ByteBuffer;

/** Float vectors as the bytes of a {@code bytea} column: float32, big-endian, no header. */
public final class FloatBytes {

    private FloatBytes() {}

    /**
     * Encodes values.
     *
     * @param values the values
     * @return 4 bytes per value
     */
    public static byte[] encode(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /**
     * Decodes values.
     *
     * @param bytes 4 bytes per value
     * @return the values
     * @throws IllegalArgumentException when the length is not a multiple of 4
     */
    public static float[] decode(byte[] bytes) {
        if (bytes.length % 4 != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes are not a whole number of float32 values");
        }
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
        return values;
    }
}
