package dev.hydra.minilm.internal.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process ONNX BERT bi-encoder (mean pooling) that gives the vectors of LangChain4j's
 * {@code OnnxBertBiEncoder}, but encodes the texts of one call concurrently: each text in its own
 * single-threaded ONNX Runtime run, on the calling thread and a few daemon threads.
 *
 * <p><b>Why not one padded batch:</b> the quantized models quantize activations dynamically, with one scale per
 * tensor, so a text's vector would depend on the other texts of its batch (by up to 4e-2 per component for
 * all-MiniLM-L6-v2-q); one run per text keeps every vector what LangChain4j gives for that text alone.
 * <b>Why not LangChain4j's {@code embedAll}:</b> it already runs texts on an executor, but every run also uses
 * ONNX Runtime's default intra-op thread pool, so concurrent runs oversubscribe the cores.
 * <b>One text alone</b> (a query) runs on a second session whose run uses all {@code threads} cores, which gives
 * the same vector bit for bit (integer GEMMs, rows not split) in about 70% of the time; its threads stop spinning
 * when the run ends, so they do not slow the single-threaded runs that follow.
 *
 * <p>What it computes, as LangChain4j does: the text's WordPiece tokens, cut into windows of at most
 * {@value #WINDOW} tokens at word boundaries; each window encoded with {@code [CLS]}/{@code [SEP]}, its token
 * vectors averaged; the windows averaged weighted by their token counts; the result L2-normalized. A blank text
 * is refused, as LangChain4j refuses it. Safe for concurrent use.
 */
public final class ParallelBertEmbeddingModel implements EmbeddingModel, AutoCloseable {

    /** The most tokens of one window (BERT's 512 positions less {@code [CLS]} and {@code [SEP]}). */
    static final int WINDOW = 510;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final OrtSession wide;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final int dimension;
    private final int threads;
    private final ExecutorService pool;

    /**
     * Loads a model and its tokenizer.
     *
     * @param model the ONNX model's bytes
     * @param tokenizer the HuggingFace {@code tokenizer.json}; read and closed here
     * @param dimension the length of the model's vectors
     * @param threads the most texts encoded at once, at least 1
     * @throws IllegalStateException when the model cannot be loaded
     */
    public ParallelBertEmbeddingModel(byte[] model, InputStream tokenizer, int dimension, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        try (InputStream in = Objects.requireNonNull(tokenizer, "tokenizer")) {
            this.session = environment.createSession(Objects.requireNonNull(model, "model"), options(1));
            this.wide = threads == 1 ? session : environment.createSession(model, options(threads));
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false"));
        } catch (OrtException | IOException e) {
            throw new IllegalStateException("cannot load the ONNX encoder: " + e.getMessage(), e);
        }
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.dimension = dimension;
        this.threads = threads;
        this.pool = threads == 1 ? null : pool(threads - 1);
    }

    /**
     * Loads a model and its tokenizer from class path resources next to a class (e.g. LangChain4j's model jar).
     *
     * @param anchor the class whose loader has the resources
     * @param model the model's resource name, e.g. {@code "all-minilm-l6-v2-q.onnx"}
     * @param tokenizer the tokenizer's resource name
     * @param dimension the length of the model's vectors
     * @param threads the most texts encoded at once, at least 1
     * @return the model
     * @throws IllegalStateException when a resource is missing or the model cannot be loaded
     */
    public static ParallelBertEmbeddingModel fromResources(Class<?> anchor, String model, String tokenizer,
            int dimension, int threads) {
        byte[] bytes;
        try (InputStream in = resource(anchor, model)) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model, e);
        }
        return new ParallelBertEmbeddingModel(bytes, resource(anchor, tokenizer), dimension, threads);
    }

    /**
     * The default encoder, all-MiniLM-L6-v2 quantized (384 dimensions), from LangChain4j's model jar on the class
     * path of {@link AllMiniLmL6V2QuantizedEmbeddingModel}.
     *
     * @param threads the most texts encoded at once, at least 1
     * @return the model
     * @throws IllegalStateException when the model jar's resources are missing or cannot be loaded
     */
    public static ParallelBertEmbeddingModel allMiniLmL6V2Quantized(int threads) {
        return fromResources(AllMiniLmL6V2QuantizedEmbeddingModel.class, "all-minilm-l6-v2-q.onnx",
                "all-minilm-l6-v2-q-tokenizer.json", 384, threads);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> texts = segments.stream().map(TextSegment::text).toList();
        if (texts.size() == 1) {
            return Response.from(List.of(Embedding.from(vector(texts.get(0), wide))));
        }
        float[][] out = new float[texts.size()][];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                out[i] = vector(texts.get(i), session);
            }
        };
        List<Future<?>> helpers = new ArrayList<>();
        for (int h = 1; h < Math.min(threads, texts.size()); h++) {
            helpers.add(pool.submit(work));
        }
        RuntimeException failure = null;
        try {
            work.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(out.length); // the helpers stop after their current text
        }
        for (Future<?> f : helpers) {
            failure = join(f, failure);
        }
        if (failure != null) {
            throw failure;
        }
        List<Embedding> embeddings = new ArrayList<>(out.length);
        for (float[] v : out) {
            embeddings.add(Embedding.from(v));
        }
        return Response.from(embeddings);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Stops the helper threads and releases the ONNX session. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
        try (OrtSession one = session) {
            if (wide != session) {
                wide.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX session", e);
        } finally {
            tokenizer.close();
        }
    }

    /** One text's vector, encoded on the single-threaded session. */
    float[] vector(String text) {
        return vector(text, session);
    }

    /** One text's vector: windows of tokens, each mean-pooled, averaged by token count, normalized. */
    private float[] vector(String text, OrtSession on) {
        List<String> tokens = tokenizer.tokenize(text);
        List<List<String>> windows = BertPooling.windows(tokens, WINDOW);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("Cannot embed empty or whitespace-only text");
        }
        List<float[]> pooled = new ArrayList<>(windows.size());
        List<Integer> weights = new ArrayList<>(windows.size());
        for (List<String> window : windows) {
            pooled.add(BertPooling.mean(run(window, on)));
            weights.add(window.size());
        }
        return BertPooling.normalize(BertPooling.weightedAverage(pooled, weights));
    }

    /**
     * Encodes one window as LangChain4j does: the tokenizer's sentence of the window when it tokenizes back to the
     * window, else the window's tokens joined by spaces. The sentence's encoding is both the check and the input,
     * so the common case costs two tokenizer calls, not three.
     */
    private float[][] run(List<String> window, OrtSession on) {
        Encoding encoding = tokenizer.encode(tokenizer.buildSentence(window), true, false);
        String[] tokens = encoding.getTokens();
        if (!BertPooling.isWindow(tokens, window)) {
            encoding = tokenizer.encode(String.join(" ", window), true, false);
        }
        long[] shape = {1, encoding.getIds().length};
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()),
                        shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()),
                        shape)) {
            Map<String, OnnxTensor> inputs = typeIds
                    ? Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types)
                    : Map.of("input_ids", ids, "attention_mask", mask);
            try (OrtSession.Result result = on.run(inputs)) {
                return ((float[][][]) result.get(0).getValue())[0];
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the ONNX encoder failed: " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions options(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        if (threads > 1) {
            options.addConfigEntry("session.force_spinning_stop", "1");
        }
        return options;
    }

    private static RuntimeException join(Future<?> f, RuntimeException failure) {
        try {
            f.get();
        } catch (ExecutionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                    : new IllegalStateException(e.getCause());
            if (failure == null) {
                return cause;
            }
            failure.addSuppressed(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IllegalStateException interrupted = new IllegalStateException("interrupted while encoding", e);
            if (failure == null) {
                return interrupted;
            }
            failure.addSuppressed(interrupted);
        }
        return failure;
    }

    private static ExecutorService pool(int size) {
        int id = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "hydra-encoder-" + id + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    private static InputStream resource(Class<?> anchor, String name) {
        InputStream in = anchor.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException("resource " + name + " is missing next to " + anchor.getName());
        }
        return in;
    }
}
