package dev.hydra.testkit.internal;

import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.testkit.ScriptedLlmBackend;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * A {@link ScriptedLlmBackend} as an OSGi {@link LlmBackend} service named {@code "scripted"}: the black box of
 * tests that run a pipeline inside a framework. It exists only while Configuration Admin holds the PID
 * {@value #PID}; property {@code answers} makes sample {@code i} answer {@code answers[i % answers.length]}
 * (distinct candidates for an adapter to choose from), else property {@code answer} makes every sample answer
 * that text, otherwise each echoes the last user turn. {@code modelId} defaults to {@code "scripted-osgi"}.
 */
@Component(service = LlmBackend.class, configurationPid = ScriptedLlmBackendComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, property = "hydra.plugin.name=scripted")
public final class ScriptedLlmBackendComponent implements LlmBackend {

    /** The Configuration Admin PID that switches the component on. */
    public static final String PID = "dev.hydra.testkit.scripted";

    /** The component's properties. */
    public @interface Config {

        /**
         * The answer of every sample; empty echoes the last user turn.
         *
         * @return the answer
         */
        String answer() default "";

        /**
         * The answers of the samples, by sample index (cycled); empty falls back to {@link #answer()}.
         *
         * @return the answers
         */
        String[] answers() default {};

        /**
         * The model id reported to the response cache.
         *
         * @return the model id
         */
        String modelId() default "scripted-osgi";
    }

    private final ScriptedLlmBackend delegate;

    /**
     * Creates the backend from its configuration.
     *
     * @param config the properties
     */
    @Activate
    public ScriptedLlmBackendComponent(Config config) {
        ScriptedLlmBackend.Builder builder = ScriptedLlmBackend.builder().modelId(config.modelId());
        String[] answers = config.answers().clone();
        if (answers.length > 0) {
            builder.fallback((prompt, i) -> answers[i % answers.length]);
        } else if (!config.answer().isEmpty()) {
            builder.fallback((prompt, i) -> config.answer());
        }
        this.delegate = builder.build();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        return delegate.generate(prompt, sampling);
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }
}
