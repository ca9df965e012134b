package dev.hydra.heads.internal;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;

/**
 * The one door into DJL: every call switches the thread context class loader to this bundle's class loader
 * (DJL finds its engine and native libraries through it; in OSGi the caller's TCCL does not see them) and
 * restores it afterwards.
 */
public final class Djl {

    /** The engine every NDArray of this module is created on. */
    public static final String ENGINE = "PyTorch";

    static {
        // DJL would otherwise try to download natives that the pytorch-native-cpu jar already carries
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        // the networks are small: one intra-op thread is as fast and does not spin on a busy machine
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }

    private Djl() {}

    /**
     * Runs DJL work with this bundle's class loader as the thread context class loader.
     *
     * @param work the work
     * @param <T> its result type
     * @return its result
     */
    public static <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Djl.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Opens a root manager on the CPU; call inside {@link #call}.
     *
     * @return a new root manager; the caller closes it
     */
    public static NDManager newManager() {
        return NDManager.newBaseManager(Device.cpu(), ENGINE);
    }
}
