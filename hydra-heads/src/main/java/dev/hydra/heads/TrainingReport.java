package dev.hydra.heads;

/**
 * What a training or fitting run did.
 *
 * @param examples the labelled examples given
 * @param users the users whose heads were trained
 * @param epochs the epochs run (fewer than asked when early stopping ended the run)
 * @param bestEpoch the epoch whose weights were kept, from 1; 0 when no epoch beat the starting weights on the
 *     held-out part, which were kept
 * @param trainLoss the mean training loss of the last epoch
 * @param validationLoss the held-out loss of the kept epoch; {@code NaN} when nothing was held out
 * @param seconds the wall time
 * @since 0.1
 */
public record TrainingReport(
        int examples, int users, int epochs, int bestEpoch, double trainLoss, double validationLoss, double seconds) {

    /**
     * The training throughput.
     *
     * @return example-epochs per second
     */
    public double pairsPerSecond() {
        return seconds > 0 ? (double) examples * epochs / seconds : 0;
    }
}
