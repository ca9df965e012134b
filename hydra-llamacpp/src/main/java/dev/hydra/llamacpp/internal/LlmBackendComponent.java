package dev.hydra.llamacpp.internal;

import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Plugin;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.llamacpp.LlmSpec;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;

/**
 * In OSGi, opens the black box an {@link LlmSpec} names and offers it as an {@link LlmBackend} service (a
 * {@link LangChain4jLlmBackend} that owns its chat model).
 *
 * <p>One component per configuration of the factory PID {@value #FACTORY_PID}: property {@code llm} (required;
 * {@value LlmSpec#FORMS}), {@code hydra.plugin.name} (default: {@code llamacpp} or {@code openai}) and
 * {@code hydra.home} (where {@code smollm2} is fetched to; default {@code $HYDRA_HOME}, else {@code ~/.hydra}).
 * Needs the {@code hydra-llm-bundle} bundle (llama.cpp and LangChain4j's OpenAI client); the model is opened with
 * that bundle's class loader as the thread context class loader, where LangChain4j's service loader finds its JDK
 * HTTP client. A local model loads on activation; closing the configuration frees it.
 */
@Component(configurationPid = LlmBackendComponent.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class LlmBackendComponent {

    /** The Configuration Admin factory PID of LLM components. */
    public static final String FACTORY_PID = "dev.hydra.llm";

    /** The component's properties. */
    public @interface Config {

        /**
         * The LLM, as {@link LlmSpec#parse} reads it.
         *
         * @return the spec
         */
        String llm();

        /**
         * The plugin name; empty for the spec's {@link LlmSpec#backendName()}.
         *
         * @return the name
         */
        String hydra_plugin_name() default "";

        /**
         * The Hydra home; empty for {@code $HYDRA_HOME}, else {@code ~/.hydra}.
         *
         * @return the path
         */
        String hydra_home() default "";
    }

    private LangChain4jLlmBackend backend;
    private ServiceRegistration<LlmBackend> registration;

    /** Creates the component (for Declarative Services). */
    public LlmBackendComponent() {}

    @Activate
    void activate(BundleContext context, Config config) {
        LlmSpec spec = LlmSpec.parse(config.llm());
        String name = Plugin.checkName(config.hydra_plugin_name().isEmpty() ? spec.backendName()
                : config.hydra_plugin_name());
        Path home = home(config.hydra_home());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OpenAiChatModel.class.getClassLoader());
        try {
            backend = LangChain4jLlmBackend.builder().chatModel(spec.chatModel(home)).name(name)
                    .modelId(spec.modelId()).concurrency(8).ownsModel(true).build();
        } finally {
            thread.setContextClassLoader(previous);
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("hydra.plugin.name", name);
        props.put("hydra.llm", spec.toString());
        props.put("hydra.llm.model", spec.modelId());
        registration = context.registerService(LlmBackend.class, backend, props);
    }

    private static Path home(String configured) {
        if (!configured.isEmpty()) {
            return Path.of(configured);
        }
        String env = System.getenv("HYDRA_HOME");
        return env == null || env.isBlank() ? Path.of(System.getProperty("user.home"), ".hydra") : Path.of(env);
    }

    @Deactivate
    void deactivate() throws Exception {
        if (registration != null) {
            registration.unregister();
        }
        if (backend != null) {
            backend.close();
        }
    }
}
