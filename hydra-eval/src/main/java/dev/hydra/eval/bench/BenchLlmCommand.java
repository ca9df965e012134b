package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.core.llm.CachingLlmBackend;
import dev.hydra.core.llm.LlmResponseCache;
import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.hydra.llamacpp.LlamaCppChatModel;
import dev.hydra.llamacpp.LocalModels;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hydra bench llm}: the speed of the black box. Writes {@code DIR/bench-llm.json} with
 * {@code prompt_tokens_per_s}, {@code gen_tokens_per_s}, {@code n8_over_n1} (wall time of 8 samples over 1,
 * a ~400-token prompt and 16 new tokens, local SmolLM2), {@code remote_n8_over_n1} (the same through
 * {@link LangChain4jLlmBackend} over a chat model that sleeps 200 ms per call) and {@code cache_hit_ms}.
 */
@Command(name = "llm", mixinStandardHelpOptions = true,
        description = "Benchmark the LLM backends (local SmolLM2, a simulated remote model, the response cache) "
                + "and write DIR/bench-llm.json.")
public final class BenchLlmCommand implements Callable<Integer> {

    private static final int REPEATS = 3;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where bench-llm.json goes.")
    private Path out;

    @Option(names = "--hydra-home", paramLabel = "DIR",
            description = "Where SmolLM2 lives (default: $HYDRA_HOME, else ~/.hydra).")
    private Path hydraHome;

    @Option(names = "--threads", description = "llama.cpp threads (default: ${DEFAULT-VALUE}, half the processors).")
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    @Option(names = "--slots", description = "llama.cpp slots decoded together (default: ${DEFAULT-VALUE}).")
    private int slots = 1;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getErr();
        Path gguf = LocalModels.ensureSmolLm2(hydraHome != null ? hydraHome : LocalModels.hydraHome(), log::println);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("model", LocalModels.SMOLLM2_MODEL_ID);
        result.put("threads", threads);
        result.put("slots", slots);
        try (LlamaCppChatModel model = LlamaCppChatModel.builder().modelPath(gguf).contextSize(1024)
                .threads(threads).parallel(slots).build()) {
            log.println("bench: prompt and generation speed ...");
            speeds(model, result);
            log.println("bench: 8 samples vs 1, local ...");
            try (LangChain4jLlmBackend local = LangChain4jLlmBackend.builder().chatModel(model).name("llamacpp")
                    .concurrency(8).build()) {
                result.put("n8_over_n1", ratio(local, "local", result));
                log.println("bench: response cache ...");
                result.put("cache_hit_ms", cacheHitMillis(local));
            }
        }
        log.println("bench: 8 samples vs 1, remote (200 ms per call) ...");
        try (LangChain4jLlmBackend remote = LangChain4jLlmBackend.builder().chatModel(new SleepingChatModel(200))
                .name("remote").concurrency(8).build()) {
            result.put("remote_n8_over_n1", ratio(remote, "remote", result));
        }
        Files.createDirectories(out);
        Path file = out.resolve("bench-llm.json");
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
        Files.writeString(file, json + "\n");
        spec.commandLine().getOut().println(json);
        log.println("bench: wrote " + file);
        return 0;
    }

    /** A prompt of about 400 tokens, made unique by its first line so no cache helps. */
    static String longPrompt(String tag) {
        String passage = "The museum opened a new wing for maps of the old harbour, with ships, tides and trade "
                + "routes drawn by hand over two hundred years. ";
        return "Request " + tag + ". Read the passage and give it a short title.\n" + passage.repeat(13);
    }

    private void speeds(LlamaCppChatModel model, Map<String, Object> result) {
        double[] prompt = new double[REPEATS];
        double[] gen = new double[REPEATS];
        long promptTokens = 0;
        for (int r = 0; r < REPEATS; r++) {
            long t0 = System.nanoTime();
            ChatResponse p = model.chat(request(longPrompt("speed-" + r + "-" + t0), 1, 0.0));
            double promptSeconds = (System.nanoTime() - t0) / 1e9;
            promptTokens = p.tokenUsage().inputTokenCount();
            prompt[r] = promptTokens / promptSeconds;
            long t1 = System.nanoTime();
            ChatResponse g = model.chat(request("Write a long story about a dragon (" + t1 + ").", 128, 1.0));
            gen[r] = g.tokenUsage().outputTokenCount() / ((System.nanoTime() - t1) / 1e9);
        }
        result.put("prompt_tokens", promptTokens);
        result.put("prompt_tokens_per_s", round(median(prompt)));
        result.put("gen_tokens_per_s", round(median(gen)));
    }

    private static ChatRequest request(String text, int maxTokens, double temperature) {
        return ChatRequest.builder().messages(UserMessage.from(text)).maxOutputTokens(maxTokens)
                .temperature(temperature).build();
    }

    private static double ratio(LangChain4jLlmBackend backend, String label, Map<String, Object> result) {
        double[] one = new double[REPEATS];
        double[] eight = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            one[r] = seconds(backend, longPrompt(label + "-n1-" + r + "-" + System.nanoTime()), 1);
            eight[r] = seconds(backend, longPrompt(label + "-n8-" + r + "-" + System.nanoTime()), 8);
        }
        result.put(label + "_n1_s", round(median(one)));
        result.put(label + "_n8_s", round(median(eight)));
        return round(median(eight) / median(one));
    }

    private static double seconds(LangChain4jLlmBackend backend, String prompt, int n) {
        long t0 = System.nanoTime();
        var g = backend.generate(Prompt.ofUser(prompt), new Sampling(n, 1.0, 16, 1));
        if (!g.failures().isEmpty()) {
            throw new IllegalStateException("bench samples failed: " + g.failures());
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double cacheHitMillis(LangChain4jLlmBackend local) throws IOException {
        Path dir = Files.createTempDirectory("hydra-bench-cache");
        try {
            CachingLlmBackend cached = new CachingLlmBackend(local, new LlmResponseCache(dir));
            Prompt prompt = Prompt.ofUser(longPrompt("cache"));
            Sampling eight = new Sampling(8, 1.0, 16, 1);
            cached.generate(prompt, eight);
            double[] ms = new double[20];
            for (int r = 0; r < ms.length; r++) {
                long t0 = System.nanoTime();
                cached.generate(prompt, eight);
                ms[r] = (System.nanoTime() - t0) / 1e6;
            }
            if (cached.delegateCalls() != 1) {
                throw new IllegalStateException("the cache missed: " + cached.delegateCalls() + " model calls");
            }
            return round(median(ms));
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** A stand-in for a remote model: every call takes {@code millis}. */
    static final class SleepingChatModel implements ChatModel {
        private final long millis;

        SleepingChatModel(long millis) {
            this.millis = millis;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return ChatResponse.builder().aiMessage(AiMessage.from("answer")).tokenUsage(new TokenUsage(400, 16))
                    .build();
        }
    }
}
