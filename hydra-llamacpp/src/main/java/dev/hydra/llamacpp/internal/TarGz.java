package dev.hydra.llamacpp.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Takes one file out of a {@code .tar.gz}: a minimal reader of ustar, GNU long-name and pax headers, enough for
 * Python source distributions.
 */
public final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {}

    /**
     * Copies the entry whose path ends with {@code suffix} to {@code out}.
     *
     * @param archive the {@code .tar.gz} file
     * @param suffix the end of the wanted entry's path, e.g. {@code /model.gguf}
     * @param out where the entry's bytes go
     * @return whether the entry was found
     * @throws IOException when the archive cannot be read or is malformed
     */
    public static boolean extract(Path archive, String suffix, OutputStream out) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readFully(in, header)) {
                if (isZero(header)) {
                    return false;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                if (type == 'L' || type == 'x') {
                    String data = new String(in.readNBytes((int) size), StandardCharsets.UTF_8);
                    skip(in, padding(size));
                    longName = type == 'L' ? data.replace("\0", "") : paxPath(data);
                    continue;
                }
                if ((type == '0' || type == '\0') && name.endsWith(suffix)) {
                    copy(in, out, size);
                    return true;
                }
                skip(in, size + padding(size));
            }
            return false;
        }
    }

    private static String name(byte[] h) {
        String name = field(h, 0, 100);
        String prefix = field(h, 345, 155);
        boolean ustar = field(h, 257, 6).startsWith("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String paxPath(String records) {
        for (String line : records.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 6);
            }
        }
        return null;
    }

    private static String field(byte[] h, int offset, int length) {
        int end = offset;
        while (end < offset + length && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int offset, int length) throws IOException {
        String text = field(h, offset, length).trim();
        try {
            return text.isEmpty() ? 0 : Long.parseLong(text, 8);
        } catch (NumberFormatException e) {
            throw new IOException("malformed tar header: size field \"" + text + "\"", e);
        }
    }

    private static long padding(long size) {
        return (BLOCK - size % BLOCK) % BLOCK;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, block.length);
        if (n == 0) {
            return false;
        }
        if (n < block.length) {
            throw new IOException("truncated tar archive");
        }
        return true;
    }

    private static void skip(InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("truncated tar archive");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("truncated tar archive");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
