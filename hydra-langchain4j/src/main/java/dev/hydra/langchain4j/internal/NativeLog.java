package dev.hydra.langchain4j.internal;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;

/**
 * Routes llama.cpp's log from stderr to {@link System.Logger} {@code dev.hydra.llama}: errors at WARNING,
 * the rest at DEBUG. Installed once per JVM, before the first model loads.
 */
public final class NativeLog {

    private static final System.Logger LOG = System.getLogger("dev.hydra.llama");
    private static boolean installed;

    private NativeLog() {}

    /** Installs the routing once; later calls do nothing. */
    public static synchronized void install() {
        if (!installed) {
            LlamaModel.setLogger(LogFormat.TEXT, NativeLog::log);
            installed = true;
        }
    }

    private static void log(LogLevel level, String message) {
        System.Logger.Level to = level == LogLevel.ERROR ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        if (LOG.isLoggable(to)) {
            LOG.log(to, message.strip());
        }
    }
}
