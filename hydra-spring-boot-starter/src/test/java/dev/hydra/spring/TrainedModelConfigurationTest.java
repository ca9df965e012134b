package dev.hydra.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.encoder.FeatureHashingTextEncoder;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.TaskSpec;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.task.BuiltInTasks;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import dev.hydra.heads.DjlScorerFactory;
import dev.hydra.heads.FileHeadStore;
import dev.hydra.retrievers.Bm25OkapiRetrieverProvider;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code hydra.model-directory}: a model trained (with hydra-heads and the hashing encoder) into a folder is loaded,
 * its adapter chooses among N answers of the application's model (N the model's, or {@code hydra.n}); a folder
 * without a model, or the wrong encoder, fails startup naming the property and the fix.
 */
class TrainedModelConfigurationTest {

    private static final TaskSpec MOVIES = BuiltInTasks.find("movie_tagging").orElseThrow();
    private static final String[] TAGS = {"sci-fi", "comedy", "romance"};
    private static final String[] TOPICS = {"robots in space", "a clumsy wedding", "two lovers in paris"};
    /** The samples the model is trained to choose among. */
    private static final int TRAINED_N = 3;

    @TempDir
    static Path home;

    private static Path model;

    @BeforeAll
    static void trainATinyModel() throws Exception {
        InMemoryHistoryStore store = new InMemoryHistoryStore();
        for (String user : List.of("ana", "ben")) {
            for (int i = 0; i < 12; i++) {
                store.add(new HistoryItem(user + "-" + i, UserId.of(user), "a film about " + TOPICS[i % 3] + " " + i,
                        TAGS[(i + user.length()) % 3], Instant.ofEpochSecond(1_000 + i), Map.of()));
            }
        }
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
                .fallback((p, i) -> p.turns().size() > 1 && i % 2 == 0 ? p.turns().get(1).text() : "comedy").build();
        model = home.resolve("model");
        FeatureHashingTextEncoder encoder = new FeatureHashingTextEncoder();
        HydraTrainer.builder().store(store)
                .retriever(new Bm25OkapiRetrieverProvider().create(RetrieverContext.of(store))).task(MOVIES)
                .backend(llm).scorers(new DjlScorerFactory(encoder, new FileHeadStore(model)))
                .similarity((a, b) -> a.equals(b) ? 1 : 0)
                .config(HydraConfig.DEFAULTS.withSampling(TRAINED_N, 1.0).withSeed(42)).pseudoQueriesPerUser(4)
                .build().train(List.of(UserId.of("ana"), UserId.of("ben")), List.of(), model).close();
    }

    private final AtomicInteger calls = new AtomicInteger();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HydraAutoConfiguration.class))
                .withBean("chatModel", ChatModel.class, () -> new ChatModel() {
                    @Override
                    public ChatResponse doChat(ChatRequest request) {
                        calls.incrementAndGet();
                        return ChatResponse.builder().aiMessage(AiMessage.from("comedy")).build();
                    }
                }).withPropertyValues("hydra.enabled=true", "hydra.store=" + home.resolve("history"),
                        "hydra.default-user-id=ana");
    }

    @Test
    void theModelsAdapterChoosesAmongItsNAnswers() {
        runner().withPropertyValues("hydra.model-directory=" + model, "hydra.encoder=hashing").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(HydraModel.class);
            assertThat(context.getBean(ChatModel.class).chat("Which tag for a film about robots?")).isEqualTo("comedy");
            assertThat(calls).hasValue(TRAINED_N);
        });
    }

    @Test
    void hydraNOverridesTheModelsN() {
        runner().withPropertyValues("hydra.model-directory=" + model, "hydra.encoder=hashing", "hydra.n=2")
                .run(context -> {
                    context.getBean(ChatModel.class).chat("Which tag for a film about robots?");
                    assertThat(calls).hasValue(2);
                });
    }

    @Test
    void withoutAModelTheModelIsCalledOnce() {
        runner().run(context -> {
            assertThat(context).doesNotHaveBean(HydraModel.class);
            context.getBean(ChatModel.class).chat("Which tag for a film about robots?");
            assertThat(calls).hasValue(1);
        });
    }

    @Test
    void aFolderWithoutAModelFailsStartupNamingThePropertyAndTheFix() throws Exception {
        Path empty = Files.createDirectories(home.resolve("empty"));
        runner().withPropertyValues("hydra.model-directory=" + empty, "hydra.encoder=hashing")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("hydra.model-directory " + empty + " holds no trained model")
                        .hasMessageContaining("train one into it"));
    }

    @Test
    void anUnknownEncoderFailsStartupNamingThePropertyAndTheChoices() {
        runner().withPropertyValues("hydra.model-directory=" + model, "hydra.encoder=bert").run(context -> assertThat(
                context).getFailure().rootCause().hasMessageContaining("hydra.encoder must be all-minilm-l6-v2-q or "
                        + "hashing, was \"bert\""));
    }

    @Test
    void anotherEncoderThanTheModelsFailsStartupSayingSo() {
        runner().withPropertyValues("hydra.model-directory=" + model)
                .withBean(dev.hydra.api.spi.TextEncoder.class, () -> new FeatureHashingTextEncoder(16))
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining("hydra.model-directory " + model + " cannot be loaded")
                        .hasStackTraceContaining("must be the encoder it was trained with"));
    }
}
