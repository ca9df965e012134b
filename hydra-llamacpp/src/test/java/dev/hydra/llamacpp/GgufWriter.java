package dev.hydra.llamacpp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Writes a GGUF v3 file with F32 tensors, the format llama.cpp loads: the header, the metadata key-values, the
 * tensor infos, then the tensor data, each tensor aligned to {@value #ALIGNMENT} bytes (GGUF's default).
 *
 * <p>Only the value types a llama model needs: unsigned 32-bit integers, 32-bit floats, strings and arrays of
 * strings, floats and 32-bit integers. Little-endian throughout, as GGUF specifies.
 */
final class GgufWriter {

    static final int ALIGNMENT = 32;
    private static final int UINT32 = 4;
    private static final int INT32 = 5;
    private static final int FLOAT32 = 6;
    private static final int STRING = 8;
    private static final int ARRAY = 9;
    private static final int GGML_TYPE_F32 = 0;

    private final Bytes metadata = new Bytes();
    private int metadataCount;
    private final List<Tensor> tensors = new ArrayList<>();

    private record Tensor(String name, long[] dims, float[] values) {}

    GgufWriter string(String key, String value) {
        metadata.string(key).u32(STRING).string(value);
        metadataCount++;
        return this;
    }

    GgufWriter u32(String key, int value) {
        metadata.string(key).u32(UINT32).u32(value);
        metadataCount++;
        return this;
    }

    GgufWriter f32(String key, float value) {
        metadata.string(key).u32(FLOAT32).f32(value);
        metadataCount++;
        return this;
    }

    GgufWriter strings(String key, List<String> values) {
        metadata.string(key).u32(ARRAY).u32(STRING).u64(values.size());
        values.forEach(metadata::string);
        metadataCount++;
        return this;
    }

    GgufWriter f32s(String key, float[] values) {
        return array(key, FLOAT32, values.length, i -> metadata.f32(values[i]));
    }

    GgufWriter i32s(String key, int[] values) {
        return array(key, INT32, values.length, i -> metadata.u32(values[i]));
    }

    private GgufWriter array(String key, int type, int length, IntConsumer writeElement) {
        metadata.string(key).u32(ARRAY).u32(type).u64(length);
        for (int i = 0; i < length; i++) {
            writeElement.accept(i);
        }
        metadataCount++;
        return this;
    }

    /**
     * Adds an F32 tensor; {@code dims} in GGML's order, the first the fastest-varying (a matrix of {@code rows}
     * rows of {@code columns} values is {@code (columns, rows)}).
     */
    GgufWriter tensor(String name, float[] values, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for dims " + List.of(dims));
        }
        tensors.add(new Tensor(name, dims.clone(), values));
        return this;
    }

    /** Writes the file whole, then moves it in place, so that a model still open on an earlier copy is intact. */
    void write(Path file) throws IOException {
        Bytes out = new Bytes();
        out.raw("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors.size()).u64(metadataCount);
        out.raw(metadata.toByteArray());
        long offset = 0;
        for (Tensor t : tensors) {
            out.string(t.name()).u32(t.dims().length);
            for (long d : t.dims()) {
                out.u64(d);
            }
            out.u32(GGML_TYPE_F32).u64(offset);
            offset = aligned(offset + 4L * t.values().length);
        }
        out.pad();
        for (Tensor t : tensors) {
            for (float v : t.values()) {
                out.f32(v);
            }
            out.pad();
        }
        Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".part");
        Files.write(partial, out.toByteArray());
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static long aligned(long n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    /** A little-endian byte sink. */
    private static final class Bytes extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Bytes raw(byte[] bytes) {
            write(bytes, 0, bytes.length);
            return this;
        }

        Bytes u32(int v) {
            return raw(scratch.clear().putInt(v).array(), 4);
        }

        Bytes u64(long v) {
            return raw(scratch.clear().putLong(v).array(), 8);
        }

        Bytes f32(float v) {
            return raw(scratch.clear().putFloat(v).array(), 4);
        }

        Bytes string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            return u64(utf8.length).raw(utf8);
        }

        Bytes pad() {
            while (size() % ALIGNMENT != 0) {
                write(0);
            }
            return this;
        }

        private Bytes raw(byte[] bytes, int length) {
            write(bytes, 0, length);
            return this;
        }
    }
}
