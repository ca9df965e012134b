package dev.hydra.llamacpp.internal;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.LogLevel;
import de.kherud.llama.args.LogFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prepares llama.cpp once per JVM, before the first model loads: routes its log from stderr to
 * {@link System.Logger} {@code dev.hydra.llama} (errors at WARNING, the rest at DEBUG), and unless
 * {@code de.kherud.llama.tmpdir} is set, unpacks its native library into a folder of this process's own.
 * The binding's default is one shared {@code /tmp/libjllama.so}, which concurrent JVMs overwrite and delete
 * under each other ({@code UnsatisfiedLinkError}). The binding's notice of that unpacking, which it prints on
 * standard output, goes to the same logger at DEBUG.
 */
public final class NativeLog {

    private static final System.Logger LOG = System.getLogger("dev.hydra.llama");
    private static final String TMPDIR = "de.kherud.llama.tmpdir";
    private static boolean installed;

    private NativeLog() {}

    /** Installs the routing once; later calls do nothing. */
    @SuppressForbidden // swaps System.out around the native library's load, to filter what it prints there
    public static synchronized void install() {
        if (!installed) {
            privateNativeFolder();
            PrintStream out = System.out;
            NoticeFilter quiet = new NoticeFilter(out, NativeLog::isExtractionNotice,
                    line -> LOG.log(System.Logger.Level.DEBUG, line));
            System.setOut(new PrintStream(quiet, true, Charset.defaultCharset()));
            try {
                LlamaModel.setLogger(LogFormat.TEXT, NativeLog::log); // the first use loads the native library
            } finally {
                System.setOut(out);
                try {
                    quiet.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "cannot flush standard output", e);
                }
            }
            installed = true;
        }
    }

    /** The binding's "Extracted 'libjllama.so' to '...'" line. */
    static boolean isExtractionNotice(String line) {
        return line.startsWith("Extracted '") && line.contains("' to '");
    }

    private static void privateNativeFolder() {
        if (System.getProperty(TMPDIR) != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("hydra-llama-");
            System.setProperty(TMPDIR, dir.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "hydra-llama-cleanup"));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot make a private folder for llama.cpp's native library; "
                    + "using the shared temporary folder", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // the folder is in the temporary folder, which the system cleans
        }
    }

    private static void log(LogLevel level, String message) {
        System.Logger.Level to = level == LogLevel.ERROR ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        if (LOG.isLoggable(to)) {
            LOG.log(to, message.strip());
        }
    }
}
