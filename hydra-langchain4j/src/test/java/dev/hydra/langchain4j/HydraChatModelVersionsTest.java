package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.core.pipeline.Hydra;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Switching the served model version while requests run: each request is answered by one version, none fails. */
class HydraChatModelVersionsTest {

    private final InMemoryHistoryStore store = Fixtures.store();
    private final ChatModel delegate = new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            return Fixtures.answer("a title");
        }
    };
    private HydraChatModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    /** Version number v samples n = 2 + v % 2 answers: a response's delegate calls tell which version ran. */
    private Hydra.Builder version(int v) {
        return Fixtures.pipeline(store, 2 + v % 2, 1.0).adapter(Fixtures.firstSampleAdapter());
    }

    private static ChatRequest forAlice() {
        return ChatRequest.builder().messages(UserMessage.from("title for my post on bike brakes"))
                .parameters(HydraChatRequestParameters.builder().userId("alice").build()).build();
    }

    private static HydraChatResponseMetadata metadata(ChatResponse response) {
        return (HydraChatResponseMetadata) response.metadata();
    }

    /** Resources that count their closes. */
    private static final class Closes implements AutoCloseable {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public void close() {
            count.incrementAndGet();
        }
    }

    @Test
    void should_answer_with_the_version_switched_to_and_name_it_in_the_metadata() {
        // given
        model = HydraChatModel.builder().delegate(delegate).hydra(version(0)).modelVersion("v0").build();
        ChatResponse first = model.chat(forAlice());
        Closes v1Resources = new Closes();

        // when
        String replaced = model.switchTo("v1", version(1), v1Resources);
        ChatResponse second = model.chat(forAlice());

        // then
        assertEquals("v0", replaced);
        assertEquals("v0", metadata(first).modelVersion().orElseThrow());
        assertEquals(2, metadata(first).delegateCalls());
        assertEquals("v1", metadata(second).modelVersion().orElseThrow());
        assertEquals(3, metadata(second).delegateCalls(), "the new version's pipeline ran, with the delegate");
        assertEquals("v1", model.modelVersion());
        assertEquals(0, v1Resources.count.get(), "the served version stays open");
        model.close();
        assertEquals(1, v1Resources.count.get(), "closing the decorator retires the served version");
    }

    @Test
    void should_name_the_initial_version_unless_told_and_refuse_a_blank_one() {
        // when
        model = HydraChatModel.builder().delegate(delegate).hydra(version(0)).build();

        // then
        assertEquals(HydraModelBuilder.INITIAL_VERSION, metadata(model.chat(forAlice())).modelVersion().orElseThrow());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HydraChatModel.builder().modelVersion(" "));
        assertTrue(e.getMessage().contains("modelVersion"), e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> model.switchTo("", version(1), null));
        assertTrue(s.getMessage().contains("version name"), s.getMessage());
    }

    @Test
    void should_answer_every_request_from_one_version_while_versions_switch_under_8_callers() throws Exception {
        // given
        model = HydraChatModel.builder().delegate(delegate).hydra(version(0)).modelVersion("v0").build();
        int switches = 20;
        List<Closes> resources = new ArrayList<>();
        for (int v = 0; v <= switches; v++) {
            resources.add(new Closes());
        }
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger mixed = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            running.add(callers.submit(() -> {
                start.await();
                for (int i = 0; i < 40; i++) {
                    try {
                        HydraChatResponseMetadata m = metadata(model.chat(forAlice()));
                        int v = Integer.parseInt(m.modelVersion().orElseThrow().substring(1));
                        if (m.delegateCalls() != 2 + v % 2 || !m.personalized()) {
                            mixed.incrementAndGet();
                        }
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }

        // when
        start.countDown();
        for (int v = 1; v <= switches; v++) {
            model.switchTo("v" + v, version(v), resources.get(v));
            Thread.sleep(2);
        }
        for (Future<?> f : running) {
            f.get(2, TimeUnit.MINUTES);
        }
        callers.shutdown();

        // then
        assertEquals(0, failed.get(), "failed requests during the switches");
        assertEquals(0, mixed.get(), "requests whose answer is not the version's they name");
        assertEquals(320, served.get());
        for (int v = 1; v < switches; v++) {
            assertEquals(1, resources.get(v).count.get(), "retired version v" + v + " closed exactly once");
        }
        assertEquals(0, resources.get(switches).count.get(), "the served version stays open");
    }
}
