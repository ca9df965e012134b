package dev.hydra.core.osgi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.LlmBackend;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import dev.hydra.core.osgi.PipelineSettings;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.registry.UnknownPluginException;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whiteboard and the configured pipeline, driven as DS would drive them, without a framework. */
class RegistryPipelineTest {

    private static final UserId ANA = UserId.of("ana");

    private final OsgiPluginWhiteboard whiteboard = new OsgiPluginWhiteboard();
    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final RetrieverProvider all = new AllItems("all-items");
    private RegistryPipeline pipeline;

    @BeforeEach
    void setUp() {
        store.addAll(List.of(HistoryItem.of("1", ANA, "tubeless tyres", "Why tubeless wins"),
                HistoryItem.of("2", ANA, "winter soup", "Soup for cold days")));
        whiteboard.addHistoryStore(new Named(store, "mem"));
        whiteboard.addBackend(ScriptedLlmBackend.answering("ok"));
        whiteboard.addRetriever(all);
        pipeline = new RegistryPipeline(whiteboard.registry(), new PipelineSettings(
                "all-items", "mem", "scripted", "chat", "", "", new HydraConfig(5, 2, 2, 1.0, 16, 0)));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void should_answer_with_demonstrations_from_the_users_history() {
        // when
        HydraResult result = pipeline.personalize(new Query(ANA, "gravel tyres", "chat"));
        // then
        assertEquals("ok", result.answer());
        assertEquals(2, result.usedItems().size());
        assertTrue(result.degradations().isEmpty(), result.degradations().toString());
    }

    @Test
    void should_use_a_retriever_that_arrives_after_the_pipeline_was_made() {
        // given
        whiteboard.addRetriever(new AllItems("late"));
        // when
        HydraResult result = pipeline.personalize(new Query(ANA, "soup", "chat"), "late");
        // then
        assertEquals(2, result.usedItems().size());
    }

    @Test
    void should_fail_with_the_known_names_once_a_retriever_left() {
        // given
        RetrieverProvider late = new AllItems("late");
        whiteboard.addRetriever(late);
        whiteboard.removeRetriever(late);
        // when
        UnknownPluginException e = assertThrows(UnknownPluginException.class,
                () -> pipeline.personalize(new Query(ANA, "soup", "chat"), "late"));
        // then
        assertEquals(List.of("all-items"), e.knownNames());
        assertTrue(e.getMessage().contains("all-items"), e.getMessage());
        assertEquals("ok", pipeline.personalize(new Query(ANA, "soup", "chat")).answer());
    }

    @Test
    void should_fail_when_the_backend_left() {
        // given
        LlmBackend other = ScriptedLlmBackend.answering("x");
        whiteboard.removeBackend(other); // not the registered instance: nothing happens
        whiteboard.registry().find(LlmBackend.class, "scripted").ifPresent(whiteboard::removeBackend);
        // when / then
        UnknownPluginException e = assertThrows(UnknownPluginException.class,
                () -> pipeline.personalize(new Query(ANA, "soup", "chat")));
        assertEquals("scripted", e.name());
    }

    @Test
    void should_ignore_a_second_plugin_of_a_taken_name_and_keep_the_first() {
        // when
        whiteboard.addRetriever(new AllItems("all-items"));
        // then
        assertEquals(all, whiteboard.registry().get(RetrieverProvider.class, "all-items"));
        assertTrue(whiteboard.registry().names(dev.hydra.api.spi.TaskSpec.class).contains("chat"));
    }

    @Test
    void should_refuse_settings_with_an_invalid_plugin_name() {
        assertThrows(IllegalArgumentException.class, () -> new PipelineSettings(
                "Not Valid", "mem", "scripted", "chat", "", "", HydraConfig.DEFAULTS));
    }

    /** Returns every item of the user, in store order, with falling scores. */
    private record AllItems(String name) implements RetrieverProvider {
        @Override
        public Retriever create(RetrieverContext context) {
            HistoryStore s = context.store();
            return new Retriever() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public List<Scored<HistoryItem>> doRetrieve(Query query, int m) {
                    List<HistoryItem> items = s.list(query.userId());
                    return items.stream().limit(m).map(i -> new Scored<>(i, 1.0 / (1 + items.indexOf(i)))).toList();
                }
            };
        }
    }

    /** A store under another name. */
    private record Named(HistoryStore delegate, String name) implements HistoryStore {
        @Override
        public void add(HistoryItem item) {
            delegate.add(item);
        }

        @Override
        public void addAll(java.util.Collection<HistoryItem> items) {
            delegate.addAll(items);
        }

        @Override
        public java.util.Optional<HistoryItem> get(UserId user, String itemId) {
            return delegate.get(user, itemId);
        }

        @Override
        public List<HistoryItem> list(UserId user) {
            return delegate.list(user);
        }

        @Override
        public int count(UserId user) {
            return delegate.count(user);
        }

        @Override
        public List<UserId> users() {
            return delegate.users();
        }

        @Override
        public int forgetUser(UserId user) {
            return delegate.forgetUser(user);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
