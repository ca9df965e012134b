package dev.hydra.app;

import dev.hydra.core.training.ProgressListener;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints progress to the console: items done, rate, and time left, at most about once a second per stage,
 * and always the last update of a stage.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final Map<String, long[]> stages = new HashMap<>();

    /**
     * Creates the listener.
     *
     * @param out where to print (standard error, so that results on standard output stay clean)
     */
    public ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void update(String stage, long done, long total) {
        long now = System.nanoTime();
        long[] s = stages.computeIfAbsent(stage, k -> new long[] {now, 0});
        boolean last = done >= total;
        if (!last && now - s[1] < 1_000_000_000L) {
            return;
        }
        s[1] = now;
        double seconds = Math.max(1e-9, (now - s[0]) / 1e9);
        double rate = seconds < 0.5 ? 0 : done / seconds;
        String left = rate > 0 && !last ? String.format(Locale.ROOT, " ~%.0fs left", (total - done) / rate) : "";
        out.printf(Locale.ROOT, "  %-20s %6d/%-6d %7.1f/s %6.1fs%s%n", stage, done, total, rate, seconds, left);
        if (last) {
            stages.remove(stage);
        }
    }
}
