package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.core.llm.CacheKey;
import dev.hydra.core.llm.LlmResponseCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * LLM cache entries (checksummed, keyed): a damaged entry is a miss or the answer that was written, never
 * another answer; an entry of another key is a miss; any bytes the cache accepts, stored again, read the same.
 */
class LlmCacheEntryFuzzTest {

    private static final String ANSWER = "an answer with ünïcode and\nnew lines";
    private static final Path DIR = Scratch.folder("cache");
    private static final byte[] VALID = validEntry();

    /**
     * One input: a mode (damage a valid entry, another key's entry, or raw bytes) and its bytes.
     *
     * @param data the fuzzer's input
     */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        LlmResponseCache cache = new LlmResponseCache(DIR.resolve("under-test"));
        switch (data.consumeInt(0, 2)) {
            case 0 -> {
                Scratch.write(cache.fileOf(key(0)), Damage.apply(VALID, data));
                get(cache, key(0)).ifPresent(text -> WrongAccept.unlessEqual("a damaged entry", ANSWER, text));
            }
            case 1 -> {
                CacheKey other = key(data.consumeInt(1, 1000));
                Scratch.write(cache.fileOf(other), VALID);
                get(cache, other).ifPresent(text -> {
                    throw new WrongAccept("sample 0's entry read as " + other, "a miss", text);
                });
            }
            default -> {
                Scratch.write(cache.fileOf(key(0)), data.consumeRemainingAsBytes());
                get(cache, key(0)).ifPresent(text -> {
                    LlmResponseCache again = new LlmResponseCache(DIR.resolve("again"));
                    again.put(key(0), text);
                    WrongAccept.unlessEqual("an accepted entry stored again", Optional.of(text), again.get(key(0)));
                });
            }
        }
    }

    private static Optional<String> get(LlmResponseCache cache, CacheKey key) {
        try {
            return cache.get(key);
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return Optional.empty();
        }
    }

    private static CacheKey key(int sample) {
        return CacheKey.of("llamacpp", "smollm2", new Prompt(List.of(ChatTurn.user("a question"))),
                new Sampling(4, 0.7, 64, 42), sample);
    }

    private static byte[] validEntry() {
        LlmResponseCache cache = new LlmResponseCache(DIR.resolve("valid"));
        cache.put(key(0), ANSWER);
        try {
            return Files.readAllBytes(cache.fileOf(key(0)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void replay(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}
