package dev.hydra.spring.internal;

import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.TextEncoder;
import org.springframework.util.ClassUtils;

/** The text encoder that {@code hydra.encoder} names. */
public final class TextEncoders {

    static final String MINILM = "all-minilm-l6-v2-q";
    static final String MINILM_CLASS = "dev.hydra.minilm.MiniLmTextEncoder";

    private TextEncoders() {}

    /**
     * Makes the encoder.
     *
     * @param name the value of {@code hydra.encoder}
     * @return the encoder
     * @throws IllegalStateException for an unknown name, or MiniLM without hydra-minilm; the message names the
     *     property and the fix
     */
    public static TextEncoder named(String name) {
        if (FeatureHashingTextEncoder.NAME.equals(name)) {
            return new FeatureHashingTextEncoder();
        }
        if (!MINILM.equals(name)) {
            throw new IllegalStateException("hydra.encoder must be " + MINILM + " or " + FeatureHashingTextEncoder.NAME
                    + ", was \"" + name + "\": set the encoder the model was trained with, or declare a TextEncoder"
                    + " bean");
        }
        if (!ClassUtils.isPresent(MINILM_CLASS, TextEncoders.class.getClassLoader())) {
            throw new IllegalStateException("hydra.encoder=" + MINILM + " needs dev.hydra:hydra-minilm on the class"
                    + " path: add that dependency, or set hydra.encoder=" + FeatureHashingTextEncoder.NAME
                    + " for a model trained with it");
        }
        return MiniLmEncoders.create();
    }
}
