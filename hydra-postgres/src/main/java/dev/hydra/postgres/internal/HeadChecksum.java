package dev.hydra.postgres.internal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** The CRC32 a head row carries: of its user, module, kind and values, so that a row moved or damaged is refused. */
public final class HeadChecksum {

    private HeadChecksum() {}

    /**
     * Computes the checksum of a head row.
     *
     * @param user the user id
     * @param module the module
     * @param kind the head's kind
     * @param values the values' bytes
     * @return the CRC32, 0 to 2^32-1
     */
    public static long of(String user, String module, String kind, byte[] values) {
        CRC32 crc = new CRC32();
        for (String part : new String[] {user, module, kind}) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            crc.update(bytes.length >>> 8);
            crc.update(bytes.length);
            crc.update(bytes.length >>> 16);
            crc.update(bytes);
        }
        crc.update(values);
        return crc.getValue();
    }
}
