package dev.hydra.core.pipeline;

import dev.hydra.api.Candidate;
import java.util.function.Consumer;

/**
 * The early answer a request asked for ({@link Hydra.Builder#earlyAnswer}): the score a sample must reach alone,
 * and who gets the first that does.
 *
 * @param threshold the score to reach
 * @param onAnswer receives the early answer
 */
record EarlyAnswer(double threshold, Consumer<Candidate> onAnswer) {}
