/**
 * An application that learns from its users: {@link dev.hydra.examples.learning.LearningApplication} serves at once
 * with BM25 few-shot prompts, trains the learned parts on its own users and model within a budget, switches to the
 * trained version live, and refits its users' heads in the background as they accept answers.
 *
 * <p>Not an API: nothing here is exported.
 *
 * @since 0.2
 */
package dev.hydra.examples.learning;
