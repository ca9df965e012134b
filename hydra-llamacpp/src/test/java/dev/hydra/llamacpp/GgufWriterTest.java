package dev.hydra.llamacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufWriterTest {

    @TempDir
    Path dir;

    @Test
    void should_write_the_header_then_each_tensor_aligned_at_the_end() throws Exception {
        // given
        Path file = dir.resolve("t.gguf");
        // when
        new GgufWriter().u32("a.count", 7).tensor("x", new float[] {1f, 2f, 3f}, 3).tensor("y", new float[] {4f}, 1)
                .write(file);
        // then
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("GGUF", new String(new byte[] {b.get(), b.get(), b.get(), b.get()}, "US-ASCII"));
        assertEquals(3, b.getInt());
        assertEquals(2, b.getLong(), "tensors");
        assertEquals(1, b.getLong(), "key-values");
        long size = Files.size(file);
        assertEquals(0, size % GgufWriter.ALIGNMENT);
        // the last tensor is the last aligned block: 4.0 then padding; the first fills 12 bytes of the one before
        long y = size - GgufWriter.ALIGNMENT;
        assertEquals(4f, b.getFloat((int) y));
        assertEquals(3f, b.getFloat((int) (y - GgufWriter.ALIGNMENT + 8)));
        assertTrue(Files.list(dir).allMatch(file::equals), "no partial file left");
    }

    @Test
    void should_refuse_a_tensor_whose_values_do_not_fill_its_shape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GgufWriter().tensor("w", new float[5], 2, 3));
        assertTrue(e.getMessage().contains("w") && e.getMessage().contains("5 values"), e.getMessage());
    }
}
