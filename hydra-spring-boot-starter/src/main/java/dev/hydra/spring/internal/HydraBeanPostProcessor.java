package dev.hydra.spring.internal;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraListener;
import dev.hydra.core.task.ChatTask;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.retrievers.Bm25Retriever;
import dev.hydra.spring.HydraProperties;
import dev.hydra.spring.HydraUserIdResolver;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps the application's {@link ChatModel} and {@link StreamingChatModel} beans in Hydra's decorators, never a
 * decorator twice. Its collaborators are looked up on first use, so that it does not create them early.
 */
public final class HydraBeanPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<HydraProperties> properties;
    private final ObjectProvider<HistoryStore> store;
    private final ObjectProvider<HydraListener> listeners;
    private final ObjectProvider<HydraUserIdResolver> resolver;

    /**
     * @param properties the hydra.* properties
     * @param store the history store
     * @param listeners the pipeline's listeners (metrics)
     * @param resolver names the user of calls that carry none, if the application declares one
     */
    public HydraBeanPostProcessor(ObjectProvider<HydraProperties> properties, ObjectProvider<HistoryStore> store,
            ObjectProvider<HydraListener> listeners, ObjectProvider<HydraUserIdResolver> resolver) {
        this.properties = properties;
        this.store = store;
        this.listeners = listeners;
        this.resolver = resolver;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HydraChatModel || bean instanceof UserIdResolvingChatModel
                || bean instanceof HydraStreamingChatModel) {
            return bean;
        }
        if (bean instanceof ChatModel model) {
            HydraProperties settings = properties.getObject();
            HydraChatModel.Builder builder = HydraChatModel.builder().delegate(model).hydra(pipeline(settings));
            if (!settings.getDefaultUserId().isBlank()) {
                builder.defaultUserId(settings.getDefaultUserId());
            }
            HydraChatModel hydra = builder.build();
            HydraUserIdResolver users = resolver.getIfAvailable();
            return users == null ? hydra : new UserIdResolvingChatModel(hydra, users);
        }
        if (bean instanceof StreamingChatModel model) {
            HydraProperties settings = properties.getObject();
            HydraStreamingChatModel.Builder builder = HydraStreamingChatModel.builder().delegate(model)
                    .hydra(pipeline(settings));
            if (!settings.getDefaultUserId().isBlank()) {
                builder.defaultUserId(settings.getDefaultUserId());
            }
            return builder.build();
        }
        return bean;
    }

    private Hydra.Builder pipeline(HydraProperties settings) {
        HydraConfig config = settings.toConfig();
        List<HydraListener> all = listeners.orderedStream().toList();
        return Hydra.builder().retriever(Bm25Retriever.builder().store(store.getObject()).build())
                .task(new ChatTask()).config(config).listeners(all);
    }
}
