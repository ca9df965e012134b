package dev.hydra.core.fitting;

import dev.hydra.api.UserId;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.HydraTrainer;
import java.util.Set;

/**
 * Fits one user's heads; the {@link BackgroundFitter} calls it on its own thread, one user at a time.
 *
 * <p>An implementation keeps HYDRA's promotion rule: a user's own head is stored (and so used) only when it beats
 * the shared head on the user's held-out queries; otherwise the user keeps the shared head.
 * {@link #heads(HydraTrainer, HydraModel)} is the implementation for a trained model.
 *
 * @since 0.2
 */
@FunctionalInterface
public interface UserFitter {

    /**
     * Fits the user's heads from their own history.
     *
     * @param user the user
     * @return the modules ({@code "reranker"}, {@code "adapter"}) in which the user now has a head of their own;
     *     empty when the shared head serves them
     * @throws RuntimeException when the fit fails; the fitter reports it and goes on with the next user
     */
    Set<String> fit(UserId user);

    /**
     * The most LLM calls one fit can make: the fitter starts a fit only when the hour's budget has that many left.
     *
     * @return the ceiling; 0 (the default) for a fitter that makes no call
     */
    default long callCeiling() {
        return 0;
    }

    /**
     * Fits the heads of a trained model with its trainer ({@link HydraTrainer#fit}), the bases frozen, from the
     * user's own history only. Build the trainer with {@code settingsOf(model)} and, as its backend, the
     * {@link HourlyLlmBudget} that the fitter is given (under the response cache). Heads go to the model's head
     * store, so a pipeline serving this model uses a new head from the next request on.
     *
     * @param trainer the trainer; never {@code null}
     * @param model the served model; never {@code null}
     * @return the fitter
     */
    static UserFitter heads(HydraTrainer trainer, HydraModel model) {
        return new HeadsUserFitter(trainer, model);
    }
}
