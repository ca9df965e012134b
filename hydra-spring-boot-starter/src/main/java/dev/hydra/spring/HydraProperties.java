package dev.hydra.spring;

import dev.hydra.core.pipeline.HydraConfig;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code hydra.*} properties of the starter.
 */
@ConfigurationProperties("hydra")
public class HydraProperties {

    /** Whether the application's ChatModel and StreamingChatModel beans are wrapped by Hydra's decorators. */
    private boolean enabled;

    /**
     * The users' history: a folder (a Lucene store, created when absent) or a {@code jdbc:postgresql://} URL (needs
     * dev.hydra:hydra-postgres).
     */
    private String store = "hydra-history";

    /**
     * A trained model's folder (its manifest, bases and heads): its learned reranker and adapter personalize the
     * calls; needs dev.hydra:hydra-heads. Empty: BM25 few-shot prompts only.
     */
    private Path modelDirectory;

    /**
     * The text encoder of the trained model, unless the application declares a TextEncoder bean:
     * all-minilm-l6-v2-q (needs dev.hydra:hydra-minilm) or hashing.
     */
    private String encoder = "all-minilm-l6-v2-q";

    /** M: the history items retrieved per call; the trained model's, else 10. */
    private Integer m;

    /** k: the demonstrations kept of the M retrieved, at most M; the trained model's, else 4. */
    private Integer k;

    /** N: the answers sampled per call when the trained adapter chooses among them; the model's, else 8. */
    private Integer n;

    /**
     * Whether AI services' {@code @MemoryId} names the user: a RetrievalAugmentor bean that tags each user message
     * with it (LangChain4j's {@code @AiService} picks it up; give it to {@code AiServices.builder()} otherwise).
     */
    private boolean memoryIdRouting = true;

    /** The user of calls that name none and that no HydraUserIdResolver bean resolves; empty to require one. */
    private String defaultUserId = "";

    /** The request header that names the user (e.g. X-User-Id), read in servlet applications; empty for none. */
    private String userIdHeader = "";

    /**
     * Checks the values over the defaults, so that a bad one fails startup with the property's name and the fix.
     *
     * @return the pipeline's settings
     * @throws IllegalArgumentException naming the property and the values it accepts
     */
    public HydraConfig toConfig() {
        return toConfig(HydraConfig.DEFAULTS);
    }

    /**
     * Checks the values over a base (a trained model's settings), so that a bad one fails startup with the
     * property's name and the fix.
     *
     * @param base the settings that unset properties keep
     * @return the pipeline's settings
     * @throws IllegalArgumentException naming the property and the values it accepts
     */
    public HydraConfig toConfig(HydraConfig base) {
        int m = this.m == null ? base.m() : this.m;
        int k = this.k == null ? Math.min(base.k(), m) : this.k;
        int n = this.n == null ? base.n() : this.n;
        if (m < 1) {
            throw new IllegalArgumentException("hydra.m must be at least 1 (the items retrieved per call), was " + m
                    + ": set hydra.m=" + base.m() + " or remove it");
        }
        if (k < 1 || k > m) {
            throw new IllegalArgumentException("hydra.k must be between 1 and hydra.m (" + m + "), was " + k
                    + ": set hydra.k=" + Math.min(base.k(), m) + " or remove it");
        }
        if (n < 1) {
            throw new IllegalArgumentException("hydra.n must be at least 1 (the answers sampled per call), was " + n
                    + ": set hydra.n=" + base.n() + " or remove it");
        }
        if (store == null || store.isBlank()) {
            throw new IllegalArgumentException("hydra.store must name the history folder or a jdbc:postgresql:// URL:"
                    + " set hydra.store=hydra-history or another folder");
        }
        return base.withRetrieval(m, k).withSampling(n, base.temperature());
    }

    /** @return whether the decorators wrap the beans */
    public boolean isEnabled() { return enabled; }

    /** @param enabled whether the decorators wrap the beans */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the history folder or JDBC URL */
    public String getStore() { return store; }

    /** @param store the history folder or JDBC URL */
    public void setStore(String store) { this.store = store; }

    /** @return the trained model's folder, or {@code null} for none */
    public Path getModelDirectory() {
        return modelDirectory;
    }

    /** @param modelDirectory the trained model's folder, or {@code null} for none */
    public void setModelDirectory(Path modelDirectory) {
        this.modelDirectory = modelDirectory;
    }

    /** @return the trained model's encoder name */
    public String getEncoder() { return encoder; }

    /** @param encoder the trained model's encoder name */
    public void setEncoder(String encoder) {
        this.encoder = encoder;
    }

    /** @return M, or {@code null} for the model's or the default */
    public Integer getM() { return m; }

    /** @param m M, the items retrieved */
    public void setM(Integer m) { this.m = m; }

    /** @return k, or {@code null} for the model's or the default */
    public Integer getK() { return k; }

    /** @param k k, the demonstrations */
    public void setK(Integer k) { this.k = k; }

    /** @return N, or {@code null} for the model's or the default */
    public Integer getN() { return n; }

    /** @param n N, the samples */
    public void setN(Integer n) { this.n = n; }

    /** @return whether {@code @MemoryId} names the user */
    public boolean isMemoryIdRouting() {
        return memoryIdRouting;
    }

    /** @param memoryIdRouting whether {@code @MemoryId} names the user */
    public void setMemoryIdRouting(boolean memoryIdRouting) {
        this.memoryIdRouting = memoryIdRouting;
    }

    /** @return the default user, empty for none */
    public String getDefaultUserId() { return defaultUserId; }

    /** @param defaultUserId the default user, empty for none */
    public void setDefaultUserId(String defaultUserId) {
        this.defaultUserId = defaultUserId;
    }

    /** @return the header that names the user, empty for none */
    public String getUserIdHeader() {
        return userIdHeader;
    }

    /** @param userIdHeader the header that names the user, empty for none */
    public void setUserIdHeader(String userIdHeader) {
        this.userIdHeader = userIdHeader;
    }
}
