package dev.hydra.testkit.reference;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Keeps heads in files {@code <dir>/<module>/<base32 of the user id>.head}: magic, version, kind, values,
 * then a CRC-32 of everything before it. Writes go to a temporary file, are forced to disk, and renamed.
 */
public final class ReferenceFileHeadStore implements HeadStore {

    private static final int MAGIC = 0x48594448; // "HYDH"
    private static final int VERSION = 1;
    private static final String SUFFIX = ".head";
    private static final Pattern MODULE = Pattern.compile("[a-z0-9_-]{1,64}");
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final Path dir;
    private final boolean verifyChecksum;

    /**
     * Opens a store.
     *
     * @param dir the directory
     */
    public ReferenceFileHeadStore(Path dir) {
        this(dir, true);
    }

    /**
     * Opens a store that may skip its checksum: {@code false} makes a deliberately broken store that returns
     * damaged values, for showing that the head store kit catches it.
     *
     * @param dir the directory
     * @param verifyChecksum whether load verifies the checksum
     */
    public ReferenceFileHeadStore(Path dir, boolean verifyChecksum) {
        this.dir = dir;
        this.verifyChecksum = verifyChecksum;
    }

    /**
     * The file of a user's head.
     *
     * @param dir the store's directory
     * @param user the user
     * @param module the module
     * @return the file
     */
    public static Path fileOf(Path dir, UserId user, String module) {
        return dir.resolve(checkModule(module)).resolve(encode(user.value()) + SUFFIX);
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public Optional<HeadParameters> load(UserId user, String module) {
        Path file = fileOf(dir, user, module);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(decode(file, bytes));
    }

    private HeadParameters decode(Path file, byte[] bytes) {
        if (bytes.length < 8) {
            throw new CorruptDataException(file.toString(), "truncated: " + bytes.length + " bytes");
        }
        int bodyLength = bytes.length - 8;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bodyLength);
        if (verifyChecksum && crc.getValue() != ByteBuffer.wrap(bytes, bodyLength, 8).getLong()) {
            throw new CorruptDataException(file.toString(), "checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bodyLength))) {
            if (in.readInt() != MAGIC) {
                throw new CorruptDataException(file.toString(), "not a head file (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new CorruptDataException(file.toString(), "unknown format version " + version);
            }
            String kind = in.readUTF();
            int count = in.readInt();
            if (count < 0 || count > bodyLength / 4) {
                throw new CorruptDataException(file.toString(), "bad value count " + count);
            }
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = in.readFloat();
            }
            return new HeadParameters(kind, values);
        } catch (IOException | IllegalArgumentException e) {
            throw new CorruptDataException(file.toString(), "unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(UserId user, String module, HeadParameters head) {
        Path file = fileOf(dir, user, module);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".tmp-", SUFFIX + ".part");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(encode(head)));
                    channel.force(true);
                }
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new HydraException("cannot save the " + module + " head of " + user + " to " + file, e);
        }
    }

    private static byte[] encode(HeadParameters head) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(head.kind());
            float[] values = head.values();
            out.writeInt(values.length);
            for (float v : values) {
                out.writeFloat(v);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
        }
        return bytes.toByteArray();
    }

    @Override
    public boolean delete(UserId user, String module) {
        Path file = fileOf(dir, user, module);
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new HydraException("cannot delete " + file, e);
        }
    }

    @Override
    public List<UserId> users(String module) {
        Path moduleDir = dir.resolve(checkModule(module));
        if (!Files.isDirectory(moduleDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(moduleDir)) {
            List<UserId> users = new ArrayList<>();
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
                    .forEach(n -> users.add(UserId.of(decode(n.substring(0, n.length() - SUFFIX.length())))));
            users.sort(null);
            return List.copyOf(users);
        } catch (IOException e) {
            throw new HydraException("cannot list " + moduleDir, e);
        }
    }

    @Override
    public int forgetUser(UserId user) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> modules = Files.list(dir)) {
            for (Path moduleDir : modules.filter(Files::isDirectory).toList()) {
                String module = moduleDir.getFileName().toString();
                if (MODULE.matcher(module).matches() && delete(user, module)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            throw new HydraException("cannot forget " + user + " in " + dir, e);
        }
        return deleted;
    }

    private static String checkModule(String module) {
        if (module == null || !MODULE.matcher(module).matches()) {
            throw new IllegalArgumentException("invalid module name \"" + module + "\": 1 to 64 of [a-z0-9_-]");
        }
        return module;
    }

    /** Lower-case base32 without padding: file names that differ only in case never clash. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private static String decode(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : name.toCharArray()) {
            buffer = (buffer << 5) | BASE32.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
