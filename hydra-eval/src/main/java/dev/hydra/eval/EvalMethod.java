package dev.hydra.eval;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The methods {@code hydra eval} compares. Each LLM method is a configuration of the same pipeline; the two
 * majority baselines answer without an LLM, to show what the data alone gives.
 */
public enum EvalMethod {

    /** The query alone, one greedy answer. */
    ZERO_SHOT("zero-shot", Retrieval.NONE, 0, false, false, 1, 0),
    /** Four random items of the user's history as demonstrations, one greedy answer. */
    ICL_RANDOM_K4("icl-random-k4", Retrieval.RANDOM, 4, false, false, 1, 0),
    /** The BM25 top item as the demonstration, one greedy answer. */
    RAG_K1("rag-k1", Retrieval.BM25, 1, false, false, 1, 0),
    /** The BM25 top four items as demonstrations, one greedy answer. */
    RAG_K4("rag-k4", Retrieval.BM25, 4, false, false, 1, 0),
    /** The BM25 top M reranked by the user's reranker, top four as demonstrations, one greedy answer. */
    HYDRA_RERANKER("hydra-reranker", Retrieval.BM25, 4, true, false, 1, 0),
    /** The query alone, N sampled answers, the user's adapter picks one. */
    HYDRA_ADAPTER("hydra-adapter", Retrieval.NONE, 0, false, true, 8, 0),
    /** HYDRA: reranked top four, N sampled answers, the adapter picks one. */
    HYDRA("hydra", Retrieval.BM25, 4, true, true, 8, 0),
    /** HYDRA's pool, the most agreed-on answer chosen: what the adapter must beat. */
    AGREEMENT("agreement", Retrieval.BM25, 4, true, true, 8, 0),
    /** Ablation: HYDRA without the user's history prior in the adapter (gamma 0). */
    HYDRA_NO_HISTORY("hydra-no-history", Retrieval.BM25, 4, true, true, 8, 0),
    /** Ablation: HYDRA whose pool holds no greedy answer (N samples at the temperature). */
    HYDRA_NO_GREEDY("hydra-no-greedy", Retrieval.BM25, 4, true, true, 8, 0),
    /** Ablation: the learned reranker alone, not anchored to the retriever's order. */
    HYDRA_RERANKER_UNANCHORED("hydra-reranker-unanchored", Retrieval.BM25, 4, true, false, 1, 0),
    /** Ablation: the learned reranker and adapter alone, as before anchoring (the pool still holds the greedy answer). */
    HYDRA_UNANCHORED("hydra-unanchored", Retrieval.BM25, 4, true, true, 8, 0),
    /** The most frequent gold output of the training split, for every query; no LLM. */
    GLOBAL_MAJORITY("global-majority", Retrieval.NONE, 0, false, false, 0, 0),
    /**
     * The user's own most frequent output (for generation tasks, the output of the profile item nearest to the
     * query by BM25); no LLM.
     */
    PROFILE_MAJORITY("profile-majority", Retrieval.NONE, 0, false, false, 0, 0),
    /**
     * HYDRA whose slowest sample missed the deadline: with independent latencies, one of its 8 answers drawn at
     * random (the greedy one included) is dropped before the adapter chooses. What a deadline costs in quality.
     */
    HYDRA_DROP_1("hydra-drop-1", Retrieval.BM25, 4, true, true, 8, 1),
    /** HYDRA whose two slowest samples missed the deadline (see {@link #HYDRA_DROP_1}). */
    HYDRA_DROP_2("hydra-drop-2", Retrieval.BM25, 4, true, true, 8, 2),
    /** HYDRA whose four slowest samples missed the deadline (see {@link #HYDRA_DROP_1}). */
    HYDRA_DROP_4("hydra-drop-4", Retrieval.BM25, 4, true, true, 8, 4);

    /** Where a method's demonstrations come from. */
    enum Retrieval { NONE, RANDOM, BM25 }

    private final String id;
    private final Retrieval retrieval;
    private final int k;
    private final boolean reranker;
    private final boolean adapter;
    private final int samples;
    private final int dropped;

    EvalMethod(String id, Retrieval retrieval, int k, boolean reranker, boolean adapter, int samples, int dropped) {
        this.id = id;
        this.retrieval = retrieval;
        this.k = k;
        this.reranker = reranker;
        this.adapter = adapter;
        this.samples = samples;
        this.dropped = dropped;
    }

    /**
     * The method's name on the command line and in the reports.
     *
     * @return e.g. {@code rag-k4}
     */
    public String id() {
        return id;
    }

    Retrieval retrieval() {
        return retrieval;
    }

    /**
     * Demonstrations in the prompt.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * Whether the method uses the trained reranker.
     *
     * @return true for {@code hydra-reranker} and {@code hydra}
     */
    public boolean usesReranker() {
        return reranker;
    }

    /**
     * Whether the method uses the trained adapter.
     *
     * @return true for {@code hydra-adapter} and {@code hydra}
     */
    public boolean usesAdapter() {
        return adapter;
    }

    /**
     * Whether the method needs a trained model.
     *
     * @return true when it uses the reranker or the adapter
     */
    public boolean needsModel() {
        return reranker || adapter;
    }

    /**
     * Whether the method calls the LLM.
     *
     * @return false for the majority baselines
     */
    public boolean usesLlm() {
        return samples > 0;
    }

    /**
     * Answers sampled per query: 1 (greedy) or N (temperature 1, the adapter picks).
     *
     * @return the samples; 0 for the baselines
     */
    public int samples() {
        return samples;
    }

    /**
     * How many of the pool's answers miss the deadline and are dropped before the adapter chooses (drawn at
     * random, as the slowest are when latencies are independent).
     *
     * @return 0 but for the {@code hydra-drop-K} methods
     */
    public int droppedSamples() {
        return dropped;
    }

    /**
     * Whether the method is HYDRA with one lever changed, or the agreement baseline, for the ablation table.
     *
     * @return true for the ablations
     */
    public boolean ablation() {
        return ordinal() >= AGREEMENT.ordinal() && ordinal() <= HYDRA_UNANCHORED.ordinal();
    }

    /**
     * Finds a method by its name.
     *
     * @param id the name, e.g. {@code hydra}
     * @return the method
     * @throws IllegalArgumentException when no method has that name; the message lists them
     */
    public static EvalMethod of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown method \"" + id + "\"; the methods are "
                        + names() + " (or \"all\", \"ablations\")"));
    }

    /**
     * Parses a comma-separated list of method names, or {@code all} (every method but the ablations and the
     * {@code hydra-drop-K} methods, which are run only when named), or
     * {@code ablations} (HYDRA with one lever changed, and the agreement baseline).
     *
     * @param list e.g. {@code rag-k4,hydra}
     * @return the methods, in the order given, without repeats
     * @throws IllegalArgumentException when a name is unknown or the list is empty
     */
    public static List<EvalMethod> parseList(String list) {
        if (list.strip().equals("all")) {
            return Arrays.stream(values()).filter(m -> !m.ablation() && m.dropped == 0).toList();
        }
        if (list.strip().equals("ablations")) {
            return Arrays.stream(values()).filter(EvalMethod::ablation).toList();
        }
        List<EvalMethod> methods = Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(EvalMethod::of)
                .distinct().toList();
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no method named in \"" + list + "\"; the methods are " + names());
        }
        return methods;
    }

    private static String names() {
        return Arrays.stream(values()).map(EvalMethod::id).collect(Collectors.joining(", "));
    }
}
