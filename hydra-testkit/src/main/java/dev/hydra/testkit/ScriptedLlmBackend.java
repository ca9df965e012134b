package dev.hydra.testkit;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * An {@link LlmBackend} that answers from a script, named {@code "scripted"}: the stand-in for a real model
 * in tests of the pipeline, the trainers and the LangChain4j bridges.
 *
 * <p>Each sample is answered by the first rule that matches the prompt, else by the per-sample answers, else
 * by the fallback:
 * <pre>{@code
 * ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
 *         .when("tyres", "Why tubeless tyres win")              // last user turn contains "tyres"
 *         .perSample("first", "second")                         // sample i answers the i-th, cycling
 *         .fallback((prompt, i) -> "answer " + i)
 *         .modelId("scripted-test")
 *         .build();
 * }</pre>
 * Without a rule, per-sample answers or fallback it echoes the last user turn. Answers do not depend on
 * the temperature, so greedy answers repeat. The backend counts its calls and samples and records every
 * prompt it received. Token usage counts whitespace-separated words. <b>Thread-safety:</b> safe for
 * concurrent use; the recorded prompts are in arrival order.
 *
 * @since 0.1
 */
public final class ScriptedLlmBackend implements LlmBackend {

    private final List<Rule> rules;
    private final List<String> perSample;
    private final BiFunction<Prompt, Integer, String> fallback;
    private final String modelId;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final List<Prompt> prompts = new CopyOnWriteArrayList<>();
    private final boolean recordPrompts;

    private ScriptedLlmBackend(Builder builder) {
        this.rules = List.copyOf(builder.rules);
        this.perSample = List.copyOf(builder.perSample);
        this.fallback = builder.fallback;
        this.modelId = builder.modelId;
        this.recordPrompts = builder.recordPrompts;
    }

    /**
     * Starts a script.
     *
     * @return a builder with no rule, the echo fallback and model id {@code "scripted-model"}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A backend that answers every sample with the same text.
     *
     * @param answer the answer; never {@code null}
     * @return the backend
     */
    public static ScriptedLlmBackend answering(String answer) {
        Objects.requireNonNull(answer, "answer must not be null");
        return builder().fallback((prompt, i) -> answer).build();
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        Objects.requireNonNull(sampling, "sampling must not be null");
        calls.incrementAndGet();
        if (recordPrompts) {
            prompts.add(prompt);
        }
        long promptWords = prompt.turns().stream().map(ChatTurn::text).mapToLong(ScriptedLlmBackend::words).sum();
        List<Candidate> candidates = new ArrayList<>();
        TokenUsage usage = TokenUsage.ZERO;
        for (int i = 0; i < sampling.n(); i++) {
            String answer = Objects.requireNonNull(answer(prompt, i), "the script answered null to sample " + i);
            samples.incrementAndGet();
            candidates.add(new Candidate(answer, i));
            usage = usage.plus(new TokenUsage(promptWords, words(answer)));
        }
        return Generation.of(candidates, usage);
    }

    private String answer(Prompt prompt, int sampleIndex) {
        for (Rule rule : rules) {
            if (rule.when.test(prompt)) {
                return rule.answer.apply(prompt, sampleIndex);
            }
        }
        if (!perSample.isEmpty()) {
            return perSample.get(sampleIndex % perSample.size());
        }
        return fallback.apply(prompt, sampleIndex);
    }

    private static long words(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }

    /**
     * How many times {@link #generate} was called.
     *
     * @return the number of calls
     */
    public long calls() {
        return calls.get();
    }

    /**
     * How many samples were answered, over all calls.
     *
     * @return the number of samples
     */
    public long samples() {
        return samples.get();
    }

    /**
     * Every prompt received, in arrival order.
     *
     * @return a snapshot of the prompts
     */
    public List<Prompt> prompts() {
        return List.copyOf(prompts);
    }

    /**
     * The last prompt received.
     *
     * @return the prompt
     * @throws IllegalStateException when no prompt was received yet
     */
    public Prompt lastPrompt() {
        List<Prompt> snapshot = prompts();
        if (snapshot.isEmpty()) {
            throw new IllegalStateException("the scripted backend has received no prompt yet");
        }
        return snapshot.get(snapshot.size() - 1);
    }

    /** Forgets the counts and the recorded prompts. */
    public void reset() {
        calls.set(0);
        samples.set(0);
        prompts.clear();
    }

    @Override
    public String toString() {
        return "ScriptedLlmBackend[" + modelId + ", rules=" + rules.size() + "]";
    }

    /** A rule: when the prompt matches, the answer function answers. */
    private record Rule(Predicate<Prompt> when, BiFunction<Prompt, Integer, String> answer) {}

    /**
     * Builds a {@link ScriptedLlmBackend}; rules are tried in the order they were added.
     *
     * @since 0.1
     */
    public static final class Builder {

        private final List<Rule> rules = new ArrayList<>();
        private final List<String> perSample = new ArrayList<>();
        private BiFunction<Prompt, Integer, String> fallback = (prompt, i) -> prompt.lastUserText();
        private String modelId = "scripted-model";
        private boolean recordPrompts = true;

        private Builder() {}

        /**
         * Whether to record every prompt (the default); long load tests turn it off, since the record grows
         * with every call.
         *
         * @param record false to keep no prompt ({@link #prompts()} stays empty)
         * @return this builder
         * @since 0.1
         */
        public Builder recordPrompts(boolean record) {
            this.recordPrompts = record;
            return this;
        }

        /**
         * Answers when the last user turn contains a text.
         *
         * @param contained the text to look for, case-sensitive; never {@code null}
         * @param answer the answer for every sample; never {@code null}
         * @return this builder
         */
        public Builder when(String contained, String answer) {
            Objects.requireNonNull(contained, "contained must not be null");
            Objects.requireNonNull(answer, "answer must not be null");
            return when(prompt -> prompt.lastUserText().contains(contained), (prompt, i) -> answer);
        }

        /**
         * Answers when a prompt matches a condition.
         *
         * @param condition which prompts the rule answers; never {@code null}
         * @param answer the answer to a prompt and a sample index; never {@code null}
         * @return this builder
         */
        public Builder when(Predicate<Prompt> condition, BiFunction<Prompt, Integer, String> answer) {
            rules.add(new Rule(Objects.requireNonNull(condition, "condition must not be null"),
                    Objects.requireNonNull(answer, "answer must not be null")));
            return this;
        }

        /**
         * Answers sample {@code i} with {@code answers[i % answers.length]} when no rule matches.
         *
         * @param answers the answers; at least one
         * @return this builder
         * @throws IllegalArgumentException when no answer is given
         */
        public Builder perSample(String... answers) {
            if (answers.length == 0) {
                throw new IllegalArgumentException("perSample needs at least one answer");
            }
            perSample.clear();
            for (String answer : answers) {
                perSample.add(Objects.requireNonNull(answer, "a per-sample answer must not be null"));
            }
            return this;
        }

        /**
         * Answers what no rule and no per-sample answer covers.
         *
         * @param fallback the answer to a prompt and a sample index; never {@code null}
         * @return this builder
         */
        public Builder fallback(BiFunction<Prompt, Integer, String> fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback must not be null");
            return this;
        }

        /**
         * Sets the model id.
         *
         * @param modelId the id; not blank
         * @return this builder
         * @throws IllegalArgumentException when the id is blank
         */
        public Builder modelId(String modelId) {
            if (modelId == null || modelId.isBlank()) {
                throw new IllegalArgumentException("modelId must not be blank");
            }
            this.modelId = modelId;
            return this;
        }

        /**
         * Builds the backend.
         *
         * @return the backend
         */
        public ScriptedLlmBackend build() {
            return new ScriptedLlmBackend(this);
        }
    }
}
