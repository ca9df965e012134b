package dev.hydra.eval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat completions server on the loopback interface that behaves like a remote provider, as a
 * {@link DelegateProfile} says: it answers after a drawn latency, streams tokens at an even pace when asked to
 * ({@code "stream": true}), answers a share of calls 429 with {@code Retry-After} and a share 500. A
 * LangChain4j {@code OpenAiChatModel} or {@code OpenAiStreamingChatModel} pointed at {@link #baseUrl()} calls it
 * through its real HTTP client.
 *
 * <p>A call's latency is drawn from its last message (the user's request), so that the plain call and the
 * personalized one of the same request, whose prompt differs before it, take the same time and compare in pairs.
 *
 * <p>Deterministic: each call's draws come from the profile's seed, the request's messages, its {@code seed} and
 * how often the same body was sent before (so a retried call may pass where its first attempt was limited).
 * Calls run concurrently, one thread each.
 */
// com.sun.net.httpserver is the JDK's supported HTTP server (module jdk.httpserver), not an internal class: the
// simulated provider needs a server and no dependency
@SuppressForbidden
public final class SimulatedOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads;
    private final DelegateProfile profile;
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private SimulatedOpenAiServer(HttpServer server, ExecutorService threads, DelegateProfile profile) {
        this.server = server;
        this.threads = threads;
        this.profile = profile;
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @param profile how it behaves
     * @return the running server; close it to stop
     * @throws IOException when no port can be bound
     */
    public static SimulatedOpenAiServer start(DelegateProfile profile) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "simulated-openai");
            t.setDaemon(true);
            return t;
        });
        SimulatedOpenAiServer simulated = new SimulatedOpenAiServer(http, threads, profile);
        http.setExecutor(threads);
        http.createContext("/v1/chat/completions", simulated::answer);
        http.start();
        return simulated;
    }

    /**
     * The base URL an OpenAI client is given.
     *
     * @return e.g. {@code http://127.0.0.1:40123/v1}
     */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                + "/v1";
    }

    /**
     * The calls received, answered or not.
     *
     * @return the count
     */
    public long calls() {
        return calls.get();
    }

    /**
     * The calls answered 429.
     *
     * @return the count
     */
    public long rateLimited() {
        return rateLimited.get();
    }

    /**
     * The calls answered 500.
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    /**
     * The latency a call gets, in milliseconds, before the rate limit and failures are drawn: for tests and
     * reports.
     *
     * @param messagesHash the hash of the request's last message
     * @param sampleSeed the request's {@code seed}
     * @return the latency
     */
    long latencyMillis(long messagesHash, long sampleSeed) {
        double mean = profile.answerLatency().toNanos() / 1e6;
        double jitter = profile.jitter().toNanos() / 1e6;
        long requestKey = profile.independentSamples() ? mix(messagesHash, sampleSeed) : messagesHash;
        double drawn = mean + jitter * (2 * new SplittableRandom(mix(profile.seed(), requestKey)).nextDouble() - 1);
        if (profile.independentSamples()) {
            return Math.round(drawn);
        }
        double spread = 2 * new SplittableRandom(mix(profile.seed() + 1, mix(messagesHash, sampleSeed))).nextDouble()
                - 1;
        return Math.round(drawn * (1 + profile.sampleSpread() * spread));
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode request = JSON.readTree(body);
            long messagesHash = request.path("messages").toString().hashCode();
            long sampleSeed = request.path("seed").asLong(0);
            // the temperature too: a greedy call and a sample with its seed answer differently, as a model's would
            long bodyKey = mix(mix(messagesHash, sampleSeed),
                    Double.doubleToLongBits(request.path("temperature").asDouble(-1)));
            int attempt = attempts.computeIfAbsent(bodyKey, k -> new AtomicInteger()).getAndIncrement();
            double outcome = new SplittableRandom(mix(profile.seed() + 2, mix(bodyKey, attempt))).nextDouble();
            if (outcome < profile.rateLimitedFraction()) {
                rateLimited.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(profile.retryAfterSeconds()));
                send(exchange, 429, "{\"error\":{\"message\":\"Rate limit reached, retry after "
                        + profile.retryAfterSeconds() + " s\",\"type\":\"rate_limit_exceeded\"}}");
                return;
            }
            if (outcome < profile.rateLimitedFraction() + profile.failureFraction()) {
                failed.incrementAndGet();
                send(exchange, 500, "{\"error\":{\"message\":\"simulated failure\",\"type\":\"server_error\"}}");
                return;
            }
            // drawn from the last message, the user's request: a plain call and a personalized one (whose prompt
            // adds demonstrations before it) of the same request take the same time, so that they compare in pairs
            JsonNode messages = request.path("messages");
            long latency = latencyMillis(messages.path(messages.size() - 1).toString().hashCode(), sampleSeed);
            String[] tokens = tokens(bodyKey);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, tokens, latency);
            } else {
                sleep(latency);
                send(exchange, 200, completion(String.join("", tokens)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stream(HttpExchange exchange, String[] tokens, long latency) throws IOException, InterruptedException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        long start = System.nanoTime();
        for (int i = 0; i < tokens.length; i++) {
            long due = start + (latency * 1_000_000L * (i + 1)) / tokens.length;
            sleep((due - System.nanoTime()) / 1_000_000L);
            String delta = JSON.writeValueAsString(tokens[i]);
            event(out, "{\"id\":\"sim\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"simulated\","
                    + "\"choices\":[{\"index\":0,\"delta\":{" + (i == 0 ? "\"role\":\"assistant\"," : "")
                    + "\"content\":" + delta + "},\"finish_reason\":null}]}");
        }
        event(out, "{\"id\":\"sim\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"simulated\","
                + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":" + tokens.length + ",\"total_tokens\":"
                + (20 + tokens.length) + "}}");
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The answer's words, drawn from the messages, the seed and the temperature: another query, another sample or the
     * greedy call gets another answer.
     */
    private String[] tokens(long bodyKey) {
        return tokens(profile.answerTokens(), new SplittableRandom(mix(profile.seed() + 3, bodyKey)));
    }

    /**
     * An answer of the form this server gives: {@code count} words of its vocabulary, each token a word with the space
     * before it.
     *
     * @param count the words
     * @param words draws them
     * @return the tokens; joined, the answer
     */
    static String[] tokens(int count, SplittableRandom words) {
        String[] out = new String[count];
        for (int i = 0; i < out.length; i++) {
            out[i] = (i == 0 ? "" : " ") + WORDS[words.nextInt(WORDS.length)];
        }
        return out;
    }

    private static final String[] WORDS = {"quiet", "brakes", "for", "every", "ride", "a", "review", "of", "the",
            "new", "bike", "light", "strong", "simple", "fast", "title"};

    private static String completion(String text) throws IOException {
        return "{\"id\":\"sim\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"simulated\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + JSON.writeValueAsString(text) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":4,\"total_tokens\":24}}";
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private static long mix(long a, long b) {
        long h = a * 0x9E3779B97F4A7C15L + b;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
