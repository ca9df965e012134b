package dev.hydra.heads.internal;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.heads.HeadArchitectures;
import dev.hydra.heads.ScorerConfig;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A scorer's model directory: {@code config.properties} (the architecture, human-readable) and
 * {@code base.bin} (the {@link Checksummed} frame with magic {@code "HYBS"} around the architecture label,
 * the base's layers and the default head). The label in {@code base.bin} must match the properties, so a
 * mix of two models is refused.
 *
 * <p>The default head of a built-in kind is stored as its two layers; that of a plugin's kind as its flat
 * parameters ({@code count, floats}), with the kind's format version in the properties ({@code headFormat}) and
 * in the label. A model whose head kind is not installed, or of another format version than the installed one,
 * is refused with a message that names the kind and says what to install.
 */
public final class ModelFiles {

    /** The weights file. */
    public static final String BASE = "base.bin";

    /** The configuration file. */
    public static final String CONFIG = "config.properties";

    private static final String MAGIC = "HYBS";
    private static final int VERSION = 1;

    private ModelFiles() {}

    /**
     * The base and the default head of a scorer.
     *
     * @param base the base
     * @param shared the default head's flat parameters
     */
    public record Model(BaseNet base, float[] shared) {}

    /**
     * A loaded model directory.
     *
     * @param config the architecture
     * @param model the weights
     */
    public record Loaded(ScorerConfig config, Model model) {}

    /**
     * Writes a model directory; each file atomically.
     *
     * @param dir the directory
     * @param config the architecture
     * @param model the weights
     * @throws IOException when a file cannot be written
     */
    public static void save(Path dir, ScorerConfig config, Model model) throws IOException {
        byte[] base = Checksummed.encode(MAGIC, VERSION, out -> {
            out.writeUTF(label(config));
            out.writeInt(model.base().layers().size());
            for (Linear layer : model.base().layers()) {
                writeLayer(out, layer);
            }
            if (config.head() instanceof MlpHead mlp) {
                HeadNet shared = HeadNet.fromFlat(config.baseOutput(), mlp.width(config.baseOutput()), model.shared());
                writeLayer(out, shared.first());
                writeLayer(out, shared.second());
            } else {
                out.writeInt(model.shared().length);
                Checksummed.writeFloats(out, model.shared());
            }
        });
        AtomicFiles.write(dir.resolve(BASE), base);
        AtomicFiles.write(dir.resolve(CONFIG), properties(config).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a model directory.
     *
     * @param dir the directory
     * @return the architecture and the weights
     * @throws IOException when a file cannot be read
     * @throws CorruptDataException when a file is damaged, foreign, or the two files do not match
     *     (also when the model's head kind is not installed, or of another format version: the message names
     *     the kind and says what to install)
     */
    public static Loaded load(Path dir) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        ScorerConfig config = parse(Files.readString(configFile, StandardCharsets.UTF_8), configFile.toString());
        Path baseFile = dir.resolve(BASE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(baseFile);
        } catch (NoSuchFileException e) {
            throw new CorruptDataException(baseFile.toString(), "missing: the model directory is incomplete", e);
        }
        Model model = Checksummed.decode(bytes, MAGIC, VERSION, "a Hydra base file", baseFile.toString(),
                (in, where) -> {
                    String label = in.readUTF();
                    if (!label.equals(label(config))) {
                        throw new CorruptDataException(where, "holds a model of architecture " + label + ", but "
                                + CONFIG + " says " + label(config));
                    }
                    int count = in.readInt();
                    List<Linear> layers = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        layers.add(readLayer(in, where));
                    }
                    HeadArchitecture head = config.head();
                    if (head instanceof MlpHead) {
                        return new Model(new BaseNet(layers),
                                new HeadNet(readLayer(in, where), readLayer(in, where)).flat());
                    }
                    int size = in.readInt();
                    if (size != config.headParameterCount()) {
                        throw new CorruptDataException(where, "holds a default head of " + size + " values, a "
                                + head.name() + " head has " + config.headParameterCount());
                    }
                    return new Model(new BaseNet(layers), Checksummed.readFloats(in, size, where));
                });
        return new Loaded(config, model);
    }

    private static void writeLayer(java.io.DataOutputStream out, Linear layer) throws IOException {
        out.writeInt(layer.in());
        out.writeInt(layer.out());
        Checksummed.writeFloats(out, layer.w());
        Checksummed.writeFloats(out, layer.b());
    }

    private static Linear readLayer(java.io.DataInputStream in, String where) throws IOException {
        int inputs = in.readInt();
        int outputs = in.readInt();
        if (inputs < 1 || outputs < 1 || (long) inputs * outputs > Integer.MAX_VALUE / 2) {
            throw new CorruptDataException(where, "invalid layer shape " + inputs + "x" + outputs);
        }
        float[] w = Checksummed.readFloats(in, inputs * outputs, where);
        return new Linear(inputs, outputs, w, Checksummed.readFloats(in, outputs, where));
    }

    /** The architecture as one canonical line. */
    static String label(ScorerConfig c) {
        return "features=" + c.encoderDim() + "x4+" + c.extraFeatures() + ";hidden=" + join(c.hidden())
                + ";head=" + c.headLabel();
    }

    private static String properties(ScorerConfig c) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(VERSION));
        p.setProperty("encoderDim", Integer.toString(c.encoderDim()));
        p.setProperty("extraFeatures", Integer.toString(c.extraFeatures()));
        p.setProperty("hidden", join(c.hidden()));
        p.setProperty("headKind", c.headKind());
        p.setProperty("rank", Integer.toString(c.rank()));
        if (!(c.head() instanceof MlpHead)) {
            p.setProperty("headFormat", Integer.toString(c.head().formatVersion()));
        }
        StringWriter out = new StringWriter();
        p.store(out, "Hydra scorer architecture; the weights are in " + BASE);
        // drop the timestamp line that Properties writes, so that the same model gives the same file
        return out.toString().lines().filter(l -> !l.startsWith("#") || l.contains("Hydra"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private static ScorerConfig parse(String text, String where) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        try {
            if (!Integer.toString(VERSION).equals(p.getProperty("format"))) {
                throw new CorruptDataException(where, "format " + p.getProperty("format") + " is not supported "
                        + "(this version of Hydra reads format " + VERSION + ")");
            }
            String kind = required(p, "headKind", where);
            checkInstalled(kind, p.getProperty("headFormat", "1"), where);
            List<Integer> hidden = Arrays.stream(required(p, "hidden", where).split(","))
                    .map(s -> Integer.parseInt(s.trim())).toList();
            return new ScorerConfig(
                    Integer.parseInt(required(p, "encoderDim", where)),
                    Integer.parseInt(required(p, "extraFeatures", where)),
                    hidden,
                    kind,
                    Integer.parseInt(required(p, "rank", where)));
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(where, "invalid configuration: " + e.getMessage(), e);
        }
    }

    /** Refuses a model whose head kind is not installed here, or is installed in another format version. */
    private static void checkInstalled(String kind, String format, String where) {
        HeadArchitecture head;
        try {
            head = HeadArchitectures.get(kind);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException(where, "cannot be read here: the model's heads are of kind \"" + kind
                    + "\" (format " + format + "), which is not installed: " + e.getMessage(), e);
        }
        if (!Integer.toString(head.formatVersion()).equals(format.trim())) {
            throw new CorruptDataException(where, "cannot be read here: the model's heads are of kind \"" + kind
                    + "\" format " + format + ", but the installed " + head.getClass().getName() + " reads format "
                    + head.formatVersion() + ". Install the version of the plugin that the model was trained with, "
                    + "or train the model again");
        }
    }

    private static String required(Properties p, String key, String where) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new CorruptDataException(where, "missing property " + key);
        }
        return value;
    }

    private static String join(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
