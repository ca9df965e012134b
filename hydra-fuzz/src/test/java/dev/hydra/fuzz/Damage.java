package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.util.Arrays;

/**
 * Damages a valid file as the fuzzer directs: up to eight edits, each flipping bits of a byte, setting a byte,
 * cutting the file short or inserting a byte, at positions the fuzzer chooses.
 */
final class Damage {

    private Damage() {}

    /**
     * Applies the fuzzer's edits to a copy of a file's bytes.
     *
     * @param original the valid bytes; not changed
     * @param data the fuzzer's input
     * @return the damaged copy (which may equal the original when the edits cancel out)
     */
    static byte[] apply(byte[] original, FuzzedDataProvider data) {
        byte[] bytes = original.clone();
        int edits = data.consumeInt(1, 8);
        for (int i = 0; i < edits && bytes.length > 0; i++) {
            int at = data.consumeInt(0, bytes.length - 1);
            switch (data.consumeInt(0, 3)) {
                case 0 -> bytes[at] ^= (byte) data.consumeInt(1, 255);
                case 1 -> bytes[at] = data.consumeByte();
                case 2 -> bytes = Arrays.copyOf(bytes, at);
                default -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = data.consumeByte();
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }
}
