package dev.hydra.it.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded malformed inputs: byte-level mutations of valid files, and nasty strings and JSON values. */
final class Mutator {

    /** Strings that have broken parsers and path handling before. */
    static final List<String> NASTY = List.of("", " ", "..", ".", "../x", "..\\x", "a/b", "/etc/passwd", "C:\\x",
            "\u0000", "x\u0000y", "\n", "\r\n", "\t", "\ud800", "\udfff", "\uffff", "\u202e", "é", "用户", "😀",
            "null", "true", "-1", "1e309", "NaN", "[]", "{}", "\"", "\\", "%00", "%2e%2e%2f", "CON", "nul",
            "a".repeat(129), "a".repeat(257), "${jndi:ldap://x}", "<script>", "' OR 1=1 --");

    /** JSON values of every type and extreme. */
    static final List<String> VALUES = List.of("null", "true", "false", "0", "-1", "1.5", "1e309", "-1e309",
            "99999999999999999999999", "9223372036854775807", "-9223372036854775808", "99999999999999999",
            "\"\"", "\" \"", "\"../x\"", "\"2018-13-45\"", "\"2018-02-30T25:00:00Z\"", "\"+999999999-12-31\"",
            "\"999999999999\"", "[]", "[1,2]", "{}", "{\"a\":1}", "\"\\u0000\"", "\"\\ud800\"", "\"a\\nb\"");

    private final SplittableRandom random;

    Mutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random() {
        return random;
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A nasty or random string, rarely a huge one. */
    String string() {
        return switch (random.nextInt(4)) {
            case 0 -> pick(NASTY);
            case 1 -> randomChars(random.nextInt(1, 200));
            case 2 -> pick(NASTY) + randomChars(random.nextInt(1, 20));
            default -> random.nextInt(200) == 0 ? "x".repeat(10 << 20) : randomChars(random.nextInt(1, 40));
        };
    }

    /** Random UTF-16 units, lone surrogates and control characters included. */
    String randomChars(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            b.append((char) (kind < 6 ? random.nextInt(0x20, 0x7f) : kind < 8 ? random.nextInt(0x20)
                    : random.nextInt(0x10000)));
        }
        return b.toString();
    }

    /** A mutation of valid bytes: flips, cuts, insertions of invalid UTF-8 or JSON tokens, deep nesting. */
    byte[] mutate(byte[] valid) {
        byte[] out = valid.clone();
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            out = once(out);
        }
        return out;
    }

    private byte[] once(byte[] in) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length);
        return switch (random.nextInt(9)) {
            case 0 -> {
                byte[] c = in.clone();
                if (c.length > 0) {
                    c[at] ^= (byte) (1 << random.nextInt(8));
                }
                yield c;
            }
            case 1 -> java.util.Arrays.copyOf(in, at);
            case 2 -> insert(in, at, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
                    (byte) 0x80});
            case 3 -> insert(in, at, pick(VALUES).getBytes(StandardCharsets.UTF_8));
            case 4 -> insert(in, at, ("[".repeat(random.nextInt(10, 100_000))).getBytes(StandardCharsets.UTF_8));
            case 5 -> insert(in, at, pick(List.of("{", "}", "[", "]", ",", ":", "\"", "\n", "\\")).getBytes(
                    StandardCharsets.UTF_8));
            case 6 -> replaceValue(in);
            case 7 -> insert(in, at, string().getBytes(StandardCharsets.UTF_8));
            default -> {
                byte[] c = in.clone();
                if (c.length > 0) {
                    c[at] = (byte) random.nextInt(256);
                }
                yield c;
            }
        };
    }

    /** Replaces the value after a random {@code ":"} with another JSON value. */
    private byte[] replaceValue(byte[] in) {
        String s = new String(in, StandardCharsets.ISO_8859_1);
        int colon = s.indexOf(':', in.length == 0 ? 0 : random.nextInt(in.length));
        if (colon < 0) {
            return in;
        }
        int end = colon + 1;
        while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(in, 0, colon + 1);
        out.writeBytes(pick(VALUES).getBytes(StandardCharsets.UTF_8));
        out.write(in, end, in.length - end);
        return out.toByteArray();
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        byte[] out = new byte[in.length + what.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(in, at, out, at + what.length, in.length - at);
        return out;
    }
}
