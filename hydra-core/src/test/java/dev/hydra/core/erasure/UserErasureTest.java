package dev.hydra.core.erasure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.UserId;
import dev.hydra.core.llm.CacheKey;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.testkit.InMemoryHeadStore;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserErasureTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");

    @TempDir
    Path home;

    @Test
    void should_erase_a_user_from_history_heads_models_and_cache_and_keep_the_others() throws IOException {
        // given: both users' history, heads in a model and beside it, training rows, a manifest, cached answers
        InMemoryHistoryStore history = new InMemoryHistoryStore();
        history.add(HistoryItem.of("a1", ALICE, "alice's secret lighthouse letters", "drama"));
        history.add(HistoryItem.of("b1", BOB, "bob's harmless bicycle story", "comedy"));
        InMemoryHeadStore loose = new InMemoryHeadStore();
        loose.save(ALICE, "reranker", new HeadParameters("lowrank", new float[] {1}));
        Map<Path, InMemoryHeadStore> modelHeads = new HashMap<>();
        Path model = Files.createDirectories(home.resolve("models/m1/work"));
        Files.writeString(model.resolve("pairs.jsonl"), "{\"user\":\"alice\",\"x\":1}\n{\"user\":\"bob\",\"x\":2}\n"
                + "{\"user\":\"carol\",\"q\":\"alice's secret lighthouse letters\"}\n");
        Files.writeString(model.resolve("pseudo-queries.jsonl"),
                "{\"user\":{\"value\":\"carol\"},\"neighbours\":[{\"value\":{\"userId\":{\"value\":\"alice\"}}}]}\n"
                        + "{\"user\":{\"value\":\"bob\"},\"neighbours\":[{\"value\":{\"userId\":{\"value\":\"bob\"}}}]}\n"
                        + "not a row of ours: alice's secret lighthouse letters\n");
        Files.writeString(home.resolve("models/m1/manifest.json"), "{\"training_users\":[\"alice\",\"bob\"]}");
        modelHeads.computeIfAbsent(home.resolve("models/m1"), d -> new InMemoryHeadStore())
                .save(ALICE, "adapter", new HeadParameters("lowrank", new float[] {2}));
        LlmResponseCache cache = new LlmResponseCache(home.resolve("cache"));
        cache.put(key("about alice's secret lighthouse letters"), "an answer");
        cache.put(key("about bob's harmless bicycle story"), "another answer");
        // when
        UserErasure.Report report = UserErasure.builder().historyStore(history)
                .models(home.resolve("models"), d -> modelHeads.computeIfAbsent(d, x -> new InMemoryHeadStore()))
                .headStore(loose).responseCache(cache).build().forget(List.of(ALICE));
        // then
        assertEquals(new UserErasure.Report(1, 2, 3, 1, List.of(home.resolve("models/m1")), List.of()), report);
        assertEquals(List.of(home.resolve("models/m1")),
                UserErasure.modelsHoldingForgottenUsers(home.resolve("models")),
                "the manifest counts alice as a forgotten training user: the bases still hold her rows");
        assertEquals(0, history.list(ALICE).size());
        assertEquals(1, history.list(BOB).size());
        assertTrue(loose.load(ALICE, "reranker").isEmpty());
        assertEquals("{\"user\":\"bob\",\"x\":2}\n{\"user\":\"carol\",\"q\":\"alice's secret lighthouse letters\"}\n",
                Files.readString(model.resolve("pairs.jsonl")),
                "alice's row goes; carol's row names no one else: a text of alice in it is carol's too");
        assertEquals("{\"user\":{\"value\":\"bob\"},\"neighbours\":[{\"value\":{\"userId\":{\"value\":\"bob\"}}}]}\n",
                Files.readString(model.resolve("pseudo-queries.jsonl")),
                "a row holding an item of alice goes, and so does a line of no known owner holding her text");
        String manifest = Files.readString(home.resolve("models/m1/manifest.json"));
        assertFalse(manifest.contains("alice"), manifest);
        assertTrue(manifest.contains("bob"), manifest);
        assertTrue(cache.get(key("about alice's secret lighthouse letters")).isEmpty());
        assertTrue(cache.get(key("about bob's harmless bicycle story")).isPresent());
    }

    @Test
    void should_erase_a_user_from_every_published_version_of_a_model() throws IOException {
        // given: a model kept as versions, alice a training user of both
        InMemoryHistoryStore history = new InMemoryHistoryStore();
        history.add(HistoryItem.of("a1", ALICE, "alice's secret lighthouse letters", "drama"));
        for (String v : List.of("v000001", "v000002")) {
            Path version = Files.createDirectories(home.resolve("models/titles/" + v + "/work"));
            Files.writeString(version.resolve("pairs.jsonl"), "{\"user\":\"alice\"}\n{\"user\":\"bob\"}\n");
            Files.writeString(version.resolve("../manifest.json"), "{\"training_users\":[\"alice\",\"bob\"]}");
        }

        // when
        UserErasure.Report report = UserErasure.builder().historyStore(history)
                .models(home.resolve("models"), d -> new InMemoryHeadStore()).build().forget(List.of(ALICE));

        // then
        assertEquals(2, report.workRows(), "one row in each version");
        for (String v : List.of("v000001", "v000002")) {
            Path version = home.resolve("models/titles/" + v);
            assertEquals("{\"user\":\"bob\"}\n", Files.readString(version.resolve("work/pairs.jsonl")), v);
            assertFalse(Files.readString(version.resolve("manifest.json")).contains("alice"), v);
        }
    }

    @Test
    void should_need_a_history_store_only() {
        // given
        InMemoryHistoryStore history = new InMemoryHistoryStore();
        history.add(HistoryItem.of("a1", ALICE, "alice's secret lighthouse letters", "drama"));
        // when
        UserErasure.Report report = UserErasure.builder().historyStore(history).build().forget(List.of(ALICE));
        // then
        assertEquals(new UserErasure.Report(1, 0, 0, 0), report);
        assertThrows(NullPointerException.class, () -> UserErasure.builder().build());
    }

    private static CacheKey key(String prompt) {
        return CacheKey.of("backend", "model-1", Prompt.ofUser(prompt), new Sampling(1, 0.0, 8, 1), 0);
    }
}
