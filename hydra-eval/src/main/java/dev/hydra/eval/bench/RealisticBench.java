package dev.hydra.eval.bench;

import dev.hydra.api.UserId;
import dev.hydra.core.pipeline.Hydra;
import dev.hydra.core.pipeline.HydraConfig;
import dev.hydra.core.pipeline.HydraResult;
import dev.hydra.core.pipeline.ScoredAnswer;
import dev.hydra.core.pipeline.Stage;
import dev.hydra.langchain4j.HydraChatModel;
import dev.hydra.langchain4j.HydraChatRequestParameters;
import dev.hydra.langchain4j.HydraChatResponseMetadata;
import dev.hydra.langchain4j.HydraStreamingChatModel;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The decorator in front of a provider with a realistic latency ({@code hydra bench decorator --delegate-latency}):
 * a {@link SimulatedOpenAiServer} on the loopback interface, called through LangChain4j's own OpenAI client, first
 * alone (the plain call), then behind {@link HydraChatModel} with the heads pipeline for N = 1, 4 and 8 (end to end,
 * and the time left after the last sample completed, split into the encoding of the last answer and the rest),
 * behind {@link HydraStreamingChatModel} (time to first token, choosing after all samples and streaming the first
 * sample that clears a threshold), with independent latency draws per sample, and with 20% of the calls rate
 * limited under a deadline of twice the plain call's p50.
 *
 * <p>Requests run one after the other, each for a user and a query drawn from the bench's seed.
 */
final class RealisticBench {

    private static final int[] NS = {1, 4, 8};

    private final DelegateProfile profile;
    private final Supplier<Hydra.Builder> pipeline;
    private final TimedEncoder encoder;
    private final List<UserId> ids;
    private final SyntheticHistory data;
    private final long seed;
    private final int requests;
    private final int warmup;
    private final PrintWriter log;

    /** The time the delegate's latest call of the running request completed; 0 before the first. */
    private final AtomicLong lastResponse = new AtomicLong();

    /**
     * @param profile the provider
     * @param pipeline makes the pipeline (with its task; its N is set here), fresh for each setting
     * @param encoder the encoder under the pipeline's cache, whose last call of a request is the last answer's
     * @param ids the bench users
     * @param data their queries
     * @param seed the seed of the users and queries drawn
     * @param requests timed requests per setting
     * @param warmup untimed requests first, per setting
     * @param log progress
     */
    RealisticBench(DelegateProfile profile, Supplier<Hydra.Builder> pipeline, TimedEncoder encoder, List<UserId> ids,
            SyntheticHistory data, long seed, int requests, int warmup, PrintWriter log) {
        this.profile = profile;
        this.pipeline = pipeline;
        this.encoder = encoder;
        this.ids = ids;
        this.data = data;
        this.seed = seed;
        this.requests = requests;
        this.warmup = warmup;
        this.log = log;
    }

    /**
     * Runs every setting.
     *
     * @return the {@code "realistic"} object of bench-decorator.json
     * @throws IOException when the simulated server cannot start
     */
    Map<String, Object> run() throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("delegate", describe(profile));
        out.put("requests", requests);
        out.put("warmup", warmup);
        Latencies plain;
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(profile)) {
            log.println("bench decorator: realistic delegate " + profile.answerLatency().toMillis() + " ms +- "
                    + profile.jitter().toMillis() + " ms; the plain call ...");
            plain = plain(openAi(server));
            out.put("plain_p50_ms", round(plain.percentileMs(50)));
            out.put("plain_p99_ms", round(plain.percentileMs(99)));
            for (int n : NS) {
                log.println("bench decorator:   N = " + n + " ...");
                Map<String, Object> m = personalized(server, n, null, plain).figures();
                m.putAll(streamed(server, n, null));
                if (n > 1) {
                    double threshold = (double) m.remove("score_p50");
                    Map<String, Object> early = streamed(server, n, threshold);
                    m.put("early_threshold", round(threshold));
                    m.put("ttft_early_p50_ms", early.get("ttft_p50_ms"));
                    m.put("ttft_early_p99_ms", early.get("ttft_p99_ms"));
                    m.put("early_streamed_share", early.get("early_share"));
                } else {
                    m.remove("score_p50");
                }
                m.remove("early_share");
                out.put("n" + n, m);
            }
        }
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(profile.withIndependentSamples(true))) {
            log.println("bench decorator:   N = 8, each sample drawing its own latency ...");
            Map<String, Object> m = personalized(server, 8, null, plain).figures();
            m.remove("score_p50");
            out.put("n8_independent_samples", m);
        }
        DelegateProfile limited = profile.withRateLimit(0.2, 1);
        Duration deadline = Duration.ofNanos(Math.round(2 * plain.percentileMs(50) * 1e6));
        try (SimulatedOpenAiServer server = SimulatedOpenAiServer.start(limited)) {
            log.println("bench decorator:   N = 8, 20% of the calls answered 429 (Retry-After: 1), deadline "
                    + deadline.toMillis() + " ms ...");
            Run run = personalized(server, 8, deadline, plain);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rate_limited_fraction", limited.rateLimitedFraction());
            m.put("retry_after_s", limited.retryAfterSeconds());
            m.put("deadline_ms", deadline.toMillis());
            m.put("n", 8);
            m.put("failed_requests", run.failedRequests);
            m.put("p50_ms", round(run.total.percentileMs(50)));
            m.put("p99_ms", round(run.total.percentileMs(99)));
            m.put("ratio_p50", round(run.total.percentileMs(50) / plain.percentileMs(50)));
            m.put("ratio_p99", round(run.total.percentileMs(99) / plain.percentileMs(99)));
            m.put("calls_answered_429", server.rateLimited());
            m.put("dropped_samples", run.droppedSamples);
            m.put("requests_with_dropped_samples", run.requestsWithDrops);
            out.put("rate_limited", m);
        }
        out.put("answer_encoding_alone", encodingAlone());
        return out;
    }

    /**
     * The floor under the time after the last sample: the encoder alone on one answer of the delegate's form, each
     * a text not seen before, back to back and after 50 ms without work (as between a request's samples).
     */
    private Map<String, Object> encodingAlone() {
        log.println("bench decorator:   the encoder alone on one answer, back to back and after 50 ms idle ...");
        SplittableRandom words = new SplittableRandom(seed + 5);
        Latencies backToBack = new Latencies(requests);
        Latencies afterIdle = new Latencies(requests);
        for (int r = -warmup; r < requests; r++) {
            long start = System.nanoTime();
            encoder.encode(List.of(String.join("", SimulatedOpenAiServer.tokens(profile.answerTokens(), words))));
            long end = System.nanoTime();
            if (r >= 0) {
                backToBack.add(end - start);
            }
        }
        for (int r = -warmup; r < requests; r++) {
            String text = String.join("", SimulatedOpenAiServer.tokens(profile.answerTokens(), words));
            idle(50);
            long start = System.nanoTime();
            encoder.encode(List.of(text));
            long end = System.nanoTime();
            if (r >= 0) {
                afterIdle.add(end - start);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("answer_words", profile.answerTokens());
        m.put("back_to_back_p50_ms", round(backToBack.percentileMs(50)));
        m.put("after_50ms_idle_p50_ms", round(afterIdle.percentileMs(50)));
        return m;
    }

    private static void idle(long millis) {
        try {
            Thread.sleep(millis); // the time between a request's samples, as the bench stands it in
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, Object> describe(DelegateProfile p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("answer_latency_ms", p.answerLatency().toMillis());
        d.put("jitter_ms", p.jitter().toMillis());
        d.put("sample_spread", p.sampleSpread());
        d.put("answer_tokens", p.answerTokens());
        d.put("tokens_per_s", round(p.answerTokens() * 1000.0 / p.answerLatency().toMillis()));
        d.put("seed", p.seed());
        d.put("transport", "OpenAI-compatible HTTP on loopback (SimulatedOpenAiServer), LangChain4j OpenAiChatModel");
        return d;
    }

    private OpenAiChatModel openAi(SimulatedOpenAiServer server) {
        ChatModelListener last = new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext context) {
                lastResponse.accumulateAndGet(System.nanoTime(), Math::max);
            }
        };
        return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("none").modelName("simulated").seed(0)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).listeners(List.of(last)).build();
    }

    private OpenAiStreamingChatModel openAiStreaming(SimulatedOpenAiServer server) {
        ChatModelListener last = new ChatModelListener() {
            @Override
            public void onResponse(ChatModelResponseContext context) {
                lastResponse.accumulateAndGet(System.nanoTime(), Math::max);
            }
        };
        return OpenAiStreamingChatModel.builder().baseUrl(server.baseUrl()).apiKey("none").modelName("simulated")
                .seed(0).timeout(Duration.ofSeconds(30)).listeners(List.of(last)).build();
    }

    private Latencies plain(ChatModel model) {
        Random random = new Random(seed);
        Latencies total = new Latencies(requests);
        for (int r = -warmup; r < requests; r++) {
            String query = data.query(random.nextInt(ids.size()), random);
            long start = System.nanoTime();
            model.chat(ChatRequest.builder().messages(UserMessage.from(query)).build());
            if (r >= 0) {
                total.add(System.nanoTime() - start);
            }
        }
        return total;
    }

    /** What one setting of the non-streaming decorator measured. */
    private final class Run {
        final Latencies total = new Latencies(requests);
        final Latencies afterLast = new Latencies(requests);
        final Latencies lastEncoding = new Latencies(requests);
        final Latencies beyondEncoding = new Latencies(requests);
        final Latencies adapt = new Latencies(requests);
        final List<Double> scores = new ArrayList<>();
        final Latencies plain;
        int failedRequests;
        int droppedSamples;
        int requestsWithDrops;

        Run(Latencies plain) {
            this.plain = plain;
        }

        Map<String, Object> figures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("p50_ms", round(total.percentileMs(50)));
            m.put("p99_ms", round(total.percentileMs(99)));
            m.put("ratio_p50", round(total.percentileMs(50) / plain.percentileMs(50)));
            m.put("ratio_p99", round(total.percentileMs(99) / plain.percentileMs(99)));
            m.put("after_last_sample_p50_ms", round(afterLast.percentileMs(50)));
            m.put("after_last_sample_p99_ms", round(afterLast.percentileMs(99)));
            m.put("last_answer_encoding_p50_ms",
                    lastEncoding.count() == 0 ? 0.0 : round(lastEncoding.percentileMs(50)));
            m.put("requests_encoding_last_answer", lastEncoding.count());
            m.put("after_last_sample_beyond_encoding_p50_ms", round(beyondEncoding.percentileMs(50)));
            m.put("adapt_stage_p50_ms", round(adapt.percentileMs(50)));
            m.put("failed_requests", failedRequests);
            m.put("dropped_samples", droppedSamples);
            Collections.sort(scores);
            m.put("score_p50", scores.isEmpty() ? 0.0 : scores.get(scores.size() / 2));
            return m;
        }
    }

    private Run personalized(SimulatedOpenAiServer server, int n, Duration deadline, Latencies plain) {
        Random random = new Random(seed);
        Run run = new Run(plain);
        try (HydraChatModel model = HydraChatModel.builder().delegate(openAi(server))
                .hydra(pipeline.get().config(HydraConfig.DEFAULTS.withSampling(n, 1.0))).deadline(deadline).build()) {
            for (int r = -warmup; r < requests; r++) {
                ChatRequest request = request(random);
                lastResponse.set(0);
                encoder.reset();
                long start = System.nanoTime();
                ChatResponse response;
                try {
                    response = model.chat(request);
                } catch (RuntimeException e) {
                    if (r >= 0) {
                        run.failedRequests++;
                        run.total.add(System.nanoTime() - start);
                    }
                    continue;
                }
                long end = System.nanoTime();
                if (r < 0) {
                    continue;
                }
                run.total.add(end - start);
                run.afterLast.add(end - lastResponse.get());
                long encoding = encoder.latestNanosEndingAfter(lastResponse.get()); // 0: the last answer was cached
                if (encoding > 0) {
                    run.lastEncoding.add(encoding);
                }
                run.beyondEncoding.add(Math.max(0, end - lastResponse.get() - encoding));
                HydraChatResponseMetadata meta = (HydraChatResponseMetadata) response.metadata();
                run.adapt.add(meta.timings().getOrDefault(Stage.ADAPT, Duration.ZERO).toNanos());
                HydraResult result = meta.result().orElseThrow();
                run.droppedSamples += result.failures().size();
                run.requestsWithDrops += result.failures().isEmpty() ? 0 : 1;
                for (ScoredAnswer a : result.answers()) {
                    a.score().ifPresent(run.scores::add);
                }
            }
        }
        return run;
    }

    private Map<String, Object> streamed(SimulatedOpenAiServer server, int n, Double threshold) {
        Random random = new Random(seed);
        Latencies ttft = new Latencies(requests);
        int early = 0;
        HydraStreamingChatModel.Builder builder = HydraStreamingChatModel.builder().delegate(openAiStreaming(server))
                .hydra(pipeline.get().config(HydraConfig.DEFAULTS.withSampling(n, 1.0)));
        if (threshold != null) {
            builder.streamFirstAbove(threshold);
        }
        try (HydraStreamingChatModel model = builder.build()) {
            for (int r = -warmup; r < requests; r++) {
                ChatRequest request = request(random);
                lastResponse.set(0);
                AtomicLong first = new AtomicLong();
                CountDownLatch done = new CountDownLatch(1);
                long start = System.nanoTime();
                model.chat(request, new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        first.compareAndSet(0, System.nanoTime());
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.countDown();
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.countDown();
                    }
                });
                await(done);
                if (r >= 0 && first.get() != 0) {
                    ttft.add(first.get() - start);
                    early += first.get() < lastResponse.get() ? 1 : 0;
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ttft_p50_ms", round(ttft.percentileMs(50)));
        m.put("ttft_p99_ms", round(ttft.percentileMs(99)));
        m.put("early_share", round((double) early / requests));
        return m;
    }

    private ChatRequest request(Random random) {
        int user = random.nextInt(ids.size());
        return ChatRequest.builder().messages(UserMessage.from(data.query(user, random)))
                .parameters(HydraChatRequestParameters.builder().userId(ids.get(user)).build()).build();
    }

    private static void await(CountDownLatch done) {
        try {
            if (!done.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a streamed request did not complete within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
