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

    /** The folder of the users' history (a Lucene store); created when absent. */
    private Path store = Path.of("hydra-history");

    /** M: the history items retrieved per call. */
    private int m = HydraConfig.DEFAULTS.m();

    /** k: the demonstrations kept of the M retrieved, at most M. */
    private int k = HydraConfig.DEFAULTS.k();

    /** N: the answers sampled per call when a reranker chooses among them (else one). */
    private int n = HydraConfig.DEFAULTS.n();

    /** The user of calls that name none and that no HydraUserIdResolver bean resolves; empty to require one. */
    private String defaultUserId = "";

    /** The request header that names the user (e.g. X-User-Id), read in servlet applications; empty for none. */
    private String userIdHeader = "";

    /**
     * Checks the values, so that a bad one fails startup with the property's name and the fix.
     *
     * @return the pipeline's settings
     * @throws IllegalArgumentException naming the property and the values it accepts
     */
    public HydraConfig toConfig() {
        if (m < 1) {
            throw new IllegalArgumentException("hydra.m must be at least 1 (the items retrieved per call), was " + m
                    + ": set hydra.m=" + HydraConfig.DEFAULTS.m() + " or remove it");
        }
        if (k < 1 || k > m) {
            throw new IllegalArgumentException("hydra.k must be between 1 and hydra.m (" + m + "), was " + k
                    + ": set hydra.k=" + Math.min(HydraConfig.DEFAULTS.k(), m) + " or remove it");
        }
        if (n < 1) {
            throw new IllegalArgumentException("hydra.n must be at least 1 (the answers sampled per call), was " + n
                    + ": set hydra.n=" + HydraConfig.DEFAULTS.n() + " or remove it");
        }
        if (store == null || store.toString().isBlank()) {
            throw new IllegalArgumentException(
                    "hydra.store must name the history folder: set hydra.store=hydra-history or another folder");
        }
        return HydraConfig.DEFAULTS.withRetrieval(m, k).withSampling(n, HydraConfig.DEFAULTS.temperature());
    }

    /** @return whether the decorators wrap the beans */
    public boolean isEnabled() { return enabled; }

    /** @param enabled whether the decorators wrap the beans */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the history folder */
    public Path getStore() { return store; }

    /** @param store the history folder */
    public void setStore(Path store) { this.store = store; }

    /** @return M */
    public int getM() { return m; }

    /** @param m M, the items retrieved */
    public void setM(int m) { this.m = m; }

    /** @return k */
    public int getK() { return k; }

    /** @param k k, the demonstrations */
    public void setK(int k) { this.k = k; }

    /** @return N */
    public int getN() { return n; }

    /** @param n N, the samples */
    public void setN(int n) { this.n = n; }

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
