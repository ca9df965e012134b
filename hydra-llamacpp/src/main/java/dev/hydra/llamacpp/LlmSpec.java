package dev.hydra.llamacpp;

import dev.hydra.langchain4j.LangChain4jLlmBackend;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Which LLM to use, as a user writes it on the command line:
 * <ul>
 *   <li>{@code smollm2} (the default): SmolLM2-135M-Instruct, run locally, fetched into {@code HYDRA_HOME/models}
 *       on first use;</li>
 *   <li>{@code gguf:PATH}: any local GGUF file, run by llama.cpp;</li>
 *   <li>{@code openai:BASE_URL#MODEL}: any OpenAI-compatible server, with the key from the environment variable
 *       {@code OPENAI_API_KEY} (or {@code none}).</li>
 * </ul>
 * {@link #open(Path)} makes the backend.
 *
 * @param kind which kind of model; never {@code null}
 * @param location the GGUF path or the base URL; empty for {@code smollm2}
 * @param model the model name of an OpenAI-compatible server; empty otherwise
 * @since 0.1
 */
public record LlmSpec(Kind kind, String location, String model) {

    /** The forms {@link #parse} accepts, for error messages and help. */
    public static final String FORMS = "smollm2 | gguf:PATH | openai:BASE_URL#MODEL";

    /** The kinds of model. */
    public enum Kind {
        /** SmolLM2-135M-Instruct, local. */
        SMOLLM2,
        /** A local GGUF file. */
        GGUF,
        /** An OpenAI-compatible server. */
        OPENAI
    }

    /** Validates the components. */
    public LlmSpec {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(location, "location must not be null");
        Objects.requireNonNull(model, "model must not be null");
    }

    /**
     * Parses a user's choice of model.
     *
     * @param text one of {@value #FORMS}; never {@code null}
     * @return the spec
     * @throws IllegalArgumentException when the text is none of those forms; the message lists them
     */
    public static LlmSpec parse(String text) {
        String t = Objects.requireNonNull(text, "text must not be null").strip();
        if (t.equals("smollm2")) {
            return new LlmSpec(Kind.SMOLLM2, "", "");
        }
        if (t.startsWith("gguf:") && t.length() > 5) {
            return new LlmSpec(Kind.GGUF, t.substring(5), "");
        }
        if (t.startsWith("openai:")) {
            String rest = t.substring(7);
            int hash = rest.lastIndexOf('#');
            if (hash > 0 && hash < rest.length() - 1 && rest.substring(0, hash).matches("https?://.+")) {
                return new LlmSpec(Kind.OPENAI, rest.substring(0, hash), rest.substring(hash + 1));
            }
        }
        throw new IllegalArgumentException("unknown LLM \"" + text + "\": use " + FORMS
                + " (e.g. openai:http://localhost:8080/v1#my-model)");
    }

    /**
     * The backend's plugin name: {@code llamacpp} or {@code openai}.
     *
     * @return the name
     */
    public String backendName() {
        return kind == Kind.OPENAI ? "openai" : "llamacpp";
    }

    /**
     * The model id under which answers are cached. A local model's id ends with its llama.cpp thread count
     * ({@code +t2}): llama.cpp sums in an order that depends on its threads, so the same prompt and seed give
     * other answers on 1 thread than on 2, and a cache shared between the two would mix them.
     *
     * @return e.g. {@code smollm2-135m-instruct-q4_1+t2}, {@code gguf:model.gguf:12345+t2},
     *     {@code gpt-4o@https://...}
     */
    public String modelId() {
        return modelId(localThreads());
    }

    /** The model id of this model run on {@code threads} llama.cpp threads (the thread count only for local ones). */
    String modelId(int threads) {
        return switch (kind) {
            case SMOLLM2 -> LocalModels.SMOLLM2_MODEL_ID + "+t" + threads;
            case GGUF -> "gguf:" + Path.of(location).getFileName() + ":" + size(Path.of(location)) + "+t" + threads;
            case OPENAI -> model + "@" + location;
        };
    }

    /**
     * Makes the chat model; fetches SmolLM2 first when needed.
     *
     * @param hydraHome the Hydra home; never {@code null}
     * @return the chat model; a local one is {@link AutoCloseable}
     * @throws dev.hydra.api.HydraException when SmolLM2 cannot be fetched
     * @throws IllegalArgumentException when a GGUF file does not exist
     */
    public ChatModel chatModel(Path hydraHome) {
        return switch (kind) {
            case SMOLLM2 -> local(LocalModels.ensureSmolLm2(hydraHome));
            case GGUF -> local(Path.of(location));
            case OPENAI -> OpenAiChatModel.builder().baseUrl(location).modelName(model)
                    .apiKey(apiKey()).timeout(Duration.ofMinutes(2)).maxRetries(2).build();
        };
    }

    /**
     * Makes the backend: the chat model behind a {@link LangChain4jLlmBackend} that owns it.
     *
     * @param hydraHome the Hydra home; never {@code null}
     * @return the backend; close it to free the model and its threads
     */
    public LangChain4jLlmBackend open(Path hydraHome) {
        ChatModel chatModel = chatModel(hydraHome);
        return LangChain4jLlmBackend.builder().chatModel(chatModel).name(backendName()).modelId(modelId())
                .concurrency(8).ownsModel(true).build();
    }

    /**
     * The llama.cpp slots of a local model. One slot runs the N samples of a prompt one after the other and
     * evaluates the prompt once (prompt cache); two slots measured no faster on 2 cores.
     */
    static final int LOCAL_SLOTS = 1;

    private static ChatModel local(Path gguf) {
        if (!Files.isRegularFile(gguf)) {
            throw new IllegalArgumentException("no GGUF model file at " + gguf.toAbsolutePath()
                    + ": give an existing file with --llm gguf:PATH");
        }
        return LlamaCppChatModel.builder().modelPath(gguf).contextSize(2048).parallel(LOCAL_SLOTS)
                .threads(localThreads()).build();
    }

    /** The llama.cpp threads of a local model in this process. */
    private static int localThreads() {
        return localThreads(System.getenv("HYDRA_LLM_THREADS"), Runtime.getRuntime().availableProcessors());
    }

    /**
     * The llama.cpp threads of a local model: {@code HYDRA_LLM_THREADS} when set, else every processor (at most
     * 8). On idle cores two threads evaluated prompts 2.4x faster than one (216 vs 91 tokens/s on 2 cores); on
     * cores busy with other work, set {@code HYDRA_LLM_THREADS=1}, since llama.cpp's threads wait for each other.
     *
     * @param setting the environment variable's value, or {@code null}
     * @param processors the available processors
     * @return the thread count
     * @throws IllegalArgumentException when the setting is not a positive integer
     */
    static int localThreads(String setting, int processors) {
        if (setting == null || setting.isBlank()) {
            return Math.max(1, Math.min(8, processors));
        }
        try {
            int n = Integer.parseInt(setting.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("HYDRA_LLM_THREADS must be a positive integer, was \"" + setting + "\"");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static String apiKey() {
        String key = System.getenv("OPENAI_API_KEY");
        return key == null || key.isBlank() ? "none" : key;
    }

    /**
     * The spec as a user writes it.
     *
     * @return e.g. {@code gguf:/models/x.gguf}; {@link #parse} reads it back
     */
    @Override
    public String toString() {
        return switch (kind) {
            case SMOLLM2 -> "smollm2";
            case GGUF -> "gguf:" + location;
            case OPENAI -> "openai:" + location + "#" + model;
        };
    }
}
