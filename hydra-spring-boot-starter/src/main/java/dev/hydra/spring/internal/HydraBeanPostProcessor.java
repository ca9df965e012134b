package dev.hydra.spring.internal;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraListener;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.task.ChatTask;
import dev.hydra.core.training.HydraModel;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraModelBuilder;
import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.retrievers.Bm25Retriever;
import dev.hydra.retrievers.LuceneHistoryStore;
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
    private final ObjectProvider<HydraModel> model;

    /**
     * @param properties the hydra.* properties
     * @param store the history store
     * @param listeners the pipeline's listeners (metrics)
     * @param resolver names the user of calls that carry none, if the application declares one
     * @param model the trained model, if one is configured
     */
    public HydraBeanPostProcessor(ObjectProvider<HydraProperties> properties, ObjectProvider<HistoryStore> store,
            ObjectProvider<HydraListener> listeners, ObjectProvider<HydraUserIdResolver> resolver,
            ObjectProvider<HydraModel> model) {
        this.model = model;
        this.properties = properties;
        this.store = store;
        this.listeners = listeners;
        this.resolver = resolver;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HydraChatModel || bean instanceof UserIdResolvingChatModel
                || bean instanceof HydraStreamingChatModel || bean instanceof UserIdResolvingStreamingChatModel) {
            return bean;
        }
        if (bean instanceof ChatModel model) {
            HydraChatModel hydra = configured(HydraChatModel.builder().delegate(model)).build();
            HydraUserIdResolver users = resolver.getIfAvailable();
            return users == null ? hydra : new UserIdResolvingChatModel(hydra, users);
        }
        if (bean instanceof StreamingChatModel model) {
            HydraStreamingChatModel hydra = configured(HydraStreamingChatModel.builder().delegate(model)).build();
            HydraUserIdResolver users = resolver.getIfAvailable();
            return users == null ? hydra : new UserIdResolvingStreamingChatModel(hydra, users);
        }
        return bean;
    }

    /** A decorator's builder with the pipeline and the default user of the hydra.* properties. */
    private <B extends HydraModelBuilder<?, B>> B configured(B builder) {
        HydraProperties settings = properties.getObject();
        builder.hydra(pipeline(settings));
        if (!settings.getDefaultUserId().isBlank()) {
            builder.defaultUserId(settings.getDefaultUserId());
        }
        return builder;
    }

    private Hydra.Builder pipeline(HydraProperties settings) {
        HistoryStore history = store.getObject();
        HydraModel trained = model.getIfAvailable();
        List<HydraListener> all = listeners.orderedStream().toList();
        Hydra.Builder b = Hydra.builder().retriever(bm25(history)).listeners(all);
        if (trained == null) {
            return b.task(new ChatTask()).config(settings.toConfig());
        }
        TaskSpec task = BuiltInTasks.find(trained.task()).orElseGet(ChatTask::new);
        return b.task(task).config(settings.toConfig(trained.config())).reranker(trained.reranker())
                .adapter(trained.adapter(history)).labelCandidates(trained.labelCandidates());
    }

    /** Lucene's BM25 over a Lucene store, else the one that works over any store. */
    private static Retriever bm25(HistoryStore history) {
        return history instanceof LuceneHistoryStore ? Bm25Retriever.builder().store(history).build()
                : new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(history));
    }
}
