package dev.hydra.spring;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.TextEncoder;
import dev.hydra.core.pipeline.HydraListener;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.TrainableScorer;
import dev.hydra.micrometer.HydraMetrics;
import dev.hydra.spring.internal.HeaderUserIdResolver;
import dev.hydra.spring.internal.HistoryStores;
import dev.hydra.spring.internal.HydraBeanPostProcessor;
import dev.hydra.spring.internal.HydraHealthIndicator;
import dev.hydra.spring.internal.MemoryIdRoutingAugmentor;
import dev.hydra.spring.internal.TextEncoders;
import dev.hydra.spring.internal.TrainedModels;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hydra's auto-configuration, on only with {@code hydra.enabled=true}: the history store (a Lucene folder or a
 * PostgreSQL URL at {@code hydra.store}, unless the application declares a {@link HistoryStore} bean), the trained
 * model of {@code hydra.model-directory} if any, {@code @MemoryId} routing for AI services, and the post-processor
 * that wraps the application's chat models; Actuator health and Micrometer metrics where those are on the class
 * path.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnProperty(prefix = "hydra", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(HydraProperties.class)
public class HydraAutoConfiguration {

    /** Made by Spring. */
    public HydraAutoConfiguration() {}

    /**
     * The history store at {@code hydra.store}.
     *
     * @param properties the hydra.* properties
     * @return the Lucene store of that folder
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public HistoryStore hydraHistoryStore(HydraProperties properties) {
        properties.toConfig(); // a bad value fails here, naming the property
        return HistoryStores.open(properties.getStore());
    }

    /**
     * The trained model's encoder, {@code hydra.encoder}, when {@code hydra.model-directory} names a model and the
     * application declares no encoder.
     *
     * @param properties the hydra.* properties
     * @return the encoder
     */
    @Bean
    @ConditionalOnProperty(prefix = "hydra", name = "model-directory")
    @ConditionalOnMissingBean
    public TextEncoder hydraTextEncoder(HydraProperties properties) {
        return TextEncoders.named(properties.getEncoder());
    }

    /**
     * The trained model of {@code hydra.model-directory}: its reranker and adapter personalize the calls.
     *
     * @param properties the hydra.* properties
     * @param encoder the encoder it was trained with
     * @param scorers the learned parts' implementation, if the application declares one (else hydra-heads')
     * @return the model
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "hydra", name = "model-directory")
    @ConditionalOnMissingBean
    public HydraModel hydraModel(HydraProperties properties, TextEncoder encoder,
            ObjectProvider<TrainableScorer.Factory> scorers) {
        return TrainedModels.load(properties.getModelDirectory(), encoder, scorers.getIfAvailable());
    }

    /**
     * Routes AI services' {@code @MemoryId} to Hydra's user ({@code hydra.memory-id-routing}, on unless set to
     * false): LangChain4j's {@code @AiService} wires a lone RetrievalAugmentor bean by itself; an application that
     * declares its own augmentor or content retriever routes users itself.
     *
     * @return the augmentor, which tags user messages and adds no content
     */
    @Bean
    @ConditionalOnProperty(prefix = "hydra", name = "memory-id-routing", havingValue = "true", matchIfMissing = true)
    @ConditionalOnMissingBean({RetrievalAugmentor.class, ContentRetriever.class})
    public RetrievalAugmentor hydraMemoryIdRouting() {
        return new MemoryIdRoutingAugmentor();
    }

    /**
     * Wraps the chat models; static, so that it does not make this configuration early.
     *
     * @param properties the hydra.* properties
     * @param store the history store
     * @param listeners the pipeline's listeners
     * @param resolver the application's user-id resolver, if any
     * @param model the trained model, if {@code hydra.model-directory} names one
     * @return the post-processor
     */
    @Bean
    public static HydraBeanPostProcessor hydraBeanPostProcessor(ObjectProvider<HydraProperties> properties,
            ObjectProvider<HistoryStore> store, ObjectProvider<HydraListener> listeners,
            ObjectProvider<HydraUserIdResolver> resolver, ObjectProvider<HydraModel> model) {
        return new HydraBeanPostProcessor(properties, store, listeners, resolver, model);
    }

    /** Micrometer metrics of the pipeline, where Micrometer and hydra-micrometer are. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({MeterRegistry.class, HydraMetrics.class})
    static class Metrics {

        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        @ConditionalOnMissingBean
        HydraMetrics hydraMetrics(MeterRegistry registry) {
            return new HydraMetrics(registry);
        }
    }

    /** The user named by the current servlet request's {@code hydra.user-id-header}, where Spring MVC is. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.web.context.request.RequestContextHolder",
            "jakarta.servlet.http.HttpServletRequest"})
    @ConditionalOnProperty(prefix = "hydra", name = "user-id-header")
    static class Header {

        @Bean
        @ConditionalOnMissingBean
        HydraUserIdResolver hydraHeaderUserIdResolver(HydraProperties properties) {
            return new HeaderUserIdResolver(properties.getUserIdHeader());
        }
    }

    /** The store's health, where Actuator is. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "hydraHealthIndicator")
        HealthIndicator hydraHealthIndicator(HistoryStore store) {
            return new HydraHealthIndicator(store);
        }
    }
}
