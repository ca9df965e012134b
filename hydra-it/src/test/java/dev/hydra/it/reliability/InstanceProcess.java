package dev.hydra.it.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link InstanceChild} in a JVM of its own, on this JVM's class path: collects its acknowledgements and
 * leak reports as they come, asks it questions and waits for the answers (generous timeouts, no sleeps), and kills
 * it with SIGKILL.
 */
final class InstanceProcess implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 180;

    private final String name;
    private final Process process;
    private final PrintWriter in;
    private final Thread reader;
    private final List<String> acks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

    private InstanceProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
        this.reader = new Thread(this::read, "two-instances-reader-" + name);
        reader.start();
    }

    /** Starts an instance and waits until it serves. */
    static InstanceProcess start(String jdbcUrl, String schema, String name, long seed, Path errLog)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), InstanceChild.class.getName(), jdbcUrl, schema, name,
                Long.toString(seed));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(errLog.toFile()))
                .start();
        InstanceProcess instance = new InstanceProcess(name, p);
        instance.expect("READY");
        return instance;
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                // a line cut by the kill has no end mark: it says nothing
                if (!line.endsWith(" .")) {
                    continue;
                }
                String body = line.substring(0, line.length() - 2);
                if (body.startsWith("ACK ")) {
                    synchronized (acks) {
                        acks.add(body.substring(4));
                        acks.notifyAll();
                    }
                } else if (body.startsWith("LEAK ") || body.startsWith("BADHEAD ") || body.startsWith("TIMEOUT ")) {
                    synchronized (problems) {
                        problems.add(name + ": " + body);
                    }
                    answers.add(body);
                } else {
                    answers.add(body);
                }
            }
        } catch (IOException e) {
            // the pipe closes when the instance dies
        }
    }

    /** Sends a command and returns the answer. */
    String ask(String command) throws InterruptedException {
        in.println(command);
        return next();
    }

    private String next() throws InterruptedException {
        String answer = answers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (answer == null) {
            throw new IllegalStateException("instance " + name + " did not answer in " + TIMEOUT_SECONDS + " s");
        }
        return answer;
    }

    private void expect(String word) throws InterruptedException {
        String answer = next();
        if (!answer.equals(word)) {
            throw new IllegalStateException("instance " + name + " said \"" + answer + "\", not " + word);
        }
    }

    /** Waits until the instance has acknowledged at least this many batches. */
    void awaitAcks(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        synchronized (acks) {
            while (acks.size() < atLeast) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !process.isAlive() && acks.size() < atLeast) {
                    throw new IllegalStateException("instance " + name + " acknowledged " + acks.size() + " batches, "
                            + "not " + atLeast + ", in " + TIMEOUT_SECONDS + " s (alive: " + process.isAlive() + ")");
                }
                acks.wait(Math.min(left, 1_000));
            }
        }
    }

    /** The batches acknowledged so far: {@code <user> <batch> <size>}. */
    List<String> acks() {
        synchronized (acks) {
            return List.copyOf(acks);
        }
    }

    /** The leaks, damaged heads and timeouts it reported. */
    List<String> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    /** SIGKILL: no shutdown hook, no rollback by the client; waits until it is gone and its output read. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        reader.join();
    }

    /** Tells it to stop and waits for its clean exit. */
    void quit() throws InterruptedException {
        expectAnswer(ask("quit"), "BYE");
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("instance " + name + " did not exit cleanly");
        }
        reader.join();
    }

    private void expectAnswer(String answer, String word) {
        if (!answer.equals(word)) {
            throw new IllegalStateException("instance " + name + " said \"" + answer + "\", not " + word);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
