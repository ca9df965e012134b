package dev.hydra.it.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs {@link CrashChild} in a JVM of its own, on this JVM's class path, and kills it with SIGKILL. */
final class ChildProcess {

    /**
     * What a child said before it ended or was killed.
     *
     * @param acks the complete acknowledgement lines, without {@code ACK } and the end mark
     * @param killed whether it was killed (rather than ending by itself)
     * @param millis how long it ran
     */
    record Outcome(List<String> acks, boolean killed, long millis) {}

    private ChildProcess() {}

    /**
     * Starts a child and kills it (SIGKILL) after a delay, unless it ends first.
     *
     * @param killAfterMillis the delay; {@code Long.MAX_VALUE} to let it end (up to 10 minutes)
     * @param fromFirstAck whether the delay starts at the child's first acknowledgement rather than at its start,
     *     so that the kill lands while it writes and not while the JVM starts
     */
    static Outcome run(String phase, Path dir, ScenarioStore stores, long seed, int trial, long killAfterMillis,
            boolean fromFirstAck, Path errLog) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
                "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), phase, dir.toString(), Long.toString(seed), Integer.toString(trial),
                stores.spec()));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errLog.toFile()))
                .start();
        List<String> acks = new ArrayList<>();
        CountDownLatch firstAck = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    // a line cut by the kill has no end mark: it was not acknowledged
                    if (line.startsWith("ACK ") && line.endsWith(" .")) {
                        synchronized (acks) {
                            acks.add(line.substring(4, line.length() - 2));
                        }
                        firstAck.countDown();
                    }
                }
            } catch (IOException e) {
                // the pipe closes when the child dies
            }
        }, "reliability-crash-reader");
        reader.start();
        long wait = killAfterMillis == Long.MAX_VALUE ? TimeUnit.MINUTES.toMillis(10) : killAfterMillis;
        if (fromFirstAck) {
            firstAck.await(2, TimeUnit.MINUTES);
        }
        boolean ended = p.waitFor(wait, TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
            p.waitFor();
        }
        reader.join();
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (ended && p.exitValue() != 0) {
            throw new IllegalStateException("the " + phase + " child failed with status " + p.exitValue()
                    + "; see " + errLog);
        }
        synchronized (acks) {
            return new Outcome(List.copyOf(acks), !ended, millis);
        }
    }
}
