package dev.hydra.it.osgi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code hydra osgi check} found, written as {@code osgi-check.json}.
 *
 * @param bundles how many bundles the set installed
 * @param active how many of them are where they should be (ACTIVE, or RESOLVED for a fragment)
 * @param personalized whether a request through the pipeline service answered with demonstrations from the
 *     user's history
 * @param pluginUsed whether a request naming the example plugin, installed while the framework ran, used it
 * @param pluginRemoved whether, once the plugin was uninstalled, a request naming it failed with the known
 *     names while a request naming a built-in retriever still answered
 * @param langchain4j whether the pipeline, reconfigured through Configuration Admin to a
 *     {@code LangChain4jLlmBackend} over a LangChain4j {@code ChatModel}, answered with it
 * @param openai whether the pipeline, reconfigured to an {@code openai:URL#MODEL} backend of the LLM component
 *     (LangChain4j's OpenAI client inside the framework) over a local OpenAI-compatible endpoint, answered with it
 * @param djl whether DJL's PyTorch engine computed inside the hydra-heads bundle; empty when not probed
 * @param encoderActive whether the MiniLM encoder component was ACTIVE and encoded texts inside the framework;
 *     empty when not probed
 * @param modelLoaded whether the model component, configured through Configuration Admin with a tiny model's
 *     directory, registered its reranker, adapter and head store; empty when not probed
 * @param modelUsed whether a personalization through the pipeline service, configured to name that reranker and
 *     adapter, got rerank scores for its demonstrations and adapter scores for its samples, and answered with the
 *     best-scored sample; empty when not probed
 * @param llamacpp whether the LLM component ran a local GGUF model (SmolLM2) with llama.cpp inside the
 *     framework and the pipeline answered with it; empty when not probed (no natives, or no model file)
 * @param startSeconds seconds from creating the framework to the pipeline service being available
 * @param notes what went wrong, one line per problem; empty when all is well
 */
public record OsgiCheckReport(
        int bundles, int active, boolean personalized, boolean pluginUsed, boolean pluginRemoved,
        boolean langchain4j, boolean openai, Optional<Boolean> djl, Optional<Boolean> encoderActive,
        Optional<Boolean> modelLoaded, Optional<Boolean> modelUsed, Optional<Boolean> llamacpp, double startSeconds,
        List<String> notes) {

    /** Copies the notes. */
    public OsgiCheckReport {
        notes = List.copyOf(notes);
    }

    /**
     * Whether every check passed.
     *
     * @return true when all bundles are active and every request and probe behaved
     */
    public boolean passed() {
        return bundles > 0 && active == bundles && personalized && pluginUsed && pluginRemoved && langchain4j && openai
                && djl.orElse(true) && encoderActive.orElse(true) && modelLoaded.orElse(true) && modelUsed.orElse(true)
                && llamacpp.orElse(true);
    }

    /**
     * The report as the JSON fields of {@code osgi-check.json}.
     *
     * @return field name to value, in a fixed order
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("bundles", bundles);
        json.put("active", active);
        json.put("personalized", personalized);
        json.put("plugin_used", pluginUsed);
        json.put("plugin_removed", pluginRemoved);
        json.put("start_seconds", Math.round(startSeconds * 1000) / 1000.0);
        json.put("langchain4j", langchain4j);
        json.put("llm_openai", openai);
        djl.ifPresent(d -> json.put("djl", d));
        encoderActive.ifPresent(e -> json.put("encoder_active", e));
        modelLoaded.ifPresent(m -> json.put("model_loaded", m));
        modelUsed.ifPresent(m -> json.put("model_used", m));
        llamacpp.ifPresent(l -> json.put("llm_llamacpp", l));
        if (!notes.isEmpty()) {
            json.put("notes", notes);
        }
        return json;
    }
}
