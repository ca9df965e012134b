package dev.hydra.spring.internal;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The text encoder that {@code hydra.encoder} names: the hashing encoder, or a {@link TextEncoder} plugin on the
 * class path ({@code META-INF/services}), as hydra-minilm's all-MiniLM-L6-v2 is.
 */
public final class TextEncoders {

    static final String MINILM = "all-minilm-l6-v2-q";

    private TextEncoders() {}

    /**
     * Finds the encoder.
     *
     * @param name the value of {@code hydra.encoder}
     * @return the encoder
     * @throws IllegalStateException for a name no encoder on the class path has; the message names the property,
     *     the names there are, and for MiniLM the dependency to add
     */
    public static TextEncoder named(String name) {
        if (FeatureHashingTextEncoder.NAME.equals(name)) {
            return new FeatureHashingTextEncoder();
        }
        TreeMap<String, TextEncoder> plugins = new TreeMap<>();
        ServiceLoader.load(TextEncoder.class, TextEncoders.class.getClassLoader())
                .forEach(encoder -> plugins.putIfAbsent(encoder.name(), encoder));
        TextEncoder found = plugins.get(name);
        if (found != null) {
            return found;
        }
        if (MINILM.equals(name)) {
            throw new IllegalStateException("hydra.encoder=" + MINILM + " needs dev.hydra:hydra-minilm on the class"
                    + " path: add that dependency, or set hydra.encoder=" + FeatureHashingTextEncoder.NAME
                    + " for a model trained with it");
        }
        List<String> names = new ArrayList<>(plugins.keySet());
        names.add(FeatureHashingTextEncoder.NAME);
        names.sort(null);
        String last = names.remove(names.size() - 1);
        throw new IllegalStateException("hydra.encoder must be "
                + (names.isEmpty() ? last : String.join(", ", names) + " or " + last) + ", was \"" + name
                + "\": set the encoder the model was trained with, or declare a TextEncoder bean");
    }
}
