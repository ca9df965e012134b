package dev.hydra.heads;

/**
 * How to train: AdamW's learning rate and weight decay, epochs, batch size, the held-out part for early
 * stopping, and the seed of every random choice (initialization, split, shuffle).
 *
 * <p>Training stops after {@code epochs}, or earlier when the loss on the held-out part has not improved for
 * {@code patience} epochs; the weights of the best held-out epoch are kept. The held-out part is taken per
 * user ({@code floor(n_u * validationFraction)} of each user's examples), so every user keeps training data.
 * When no epoch beats the starting weights on the held-out part, the starting weights are kept: fitting a
 * head never ends worse, on held-out data, than the default head it starts from.
 *
 * @param learningRate AdamW's step size, positive
 * @param weightDecay AdamW's decoupled weight decay, at least 0 (applied to every parameter)
 * @param epochs the most passes over the data, at least 1
 * @param batchSize examples per step, at least 1
 * @param validationFraction the held-out share of each user's examples, in {@code [0, 0.5]}; 0 disables early
 *     stopping
 * @param patience epochs without improvement before stopping, at least 1
 * @param anchor fitting only: the weight of an L2 pull of the head towards the default head it starts from
 *     ({@code anchor * sum((p - p0)^2)} added to the loss), at least 0; it keeps a head fitted on ~100 pairs
 *     from overfitting at high dimensions. Joint training ignores it.
 * @param seed the seed of all randomness
 * @param objective what the loss compares: each pair alone, or the pairs of one query with each other; with
 *     {@link TrainingObjective#LISTWISE} a batch holds whole queries and the held-out loss is listwise too
 * @since 0.1
 */
public record TrainingOptions(
        double learningRate,
        double weightDecay,
        int epochs,
        int batchSize,
        double validationFraction,
        int patience,
        double anchor,
        long seed,
        TrainingObjective objective) {

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException when a value is out of range
     * @throws NullPointerException when the objective is null
     */
    public TrainingOptions {
        java.util.Objects.requireNonNull(objective, "objective must not be null; use TrainingObjective.POINTWISE");
        if (!(learningRate > 0) || !(weightDecay >= 0) || epochs < 1 || batchSize < 1 || patience < 1
                || !(validationFraction >= 0 && validationFraction <= 0.5) || !(anchor >= 0)) {
            throw new IllegalArgumentException("invalid training options: " + learningRate + ", " + weightDecay
                    + ", " + epochs + ", " + batchSize + ", " + validationFraction + ", " + patience + ", " + anchor
                    + " (need lr > 0, wd >= 0, epochs >= 1, batch >= 1, validation in [0, 0.5], patience >= 1,"
                    + " anchor >= 0)");
        }
    }

    /**
     * Options with the pointwise objective.
     *
     * @param learningRate AdamW's step size
     * @param weightDecay AdamW's weight decay
     * @param epochs the most passes
     * @param batchSize examples per step
     * @param validationFraction the held-out share
     * @param patience epochs without improvement before stopping
     * @param anchor fitting's pull towards the starting head
     * @param seed the seed
     * @throws IllegalArgumentException when a value is out of range
     */
    public TrainingOptions(double learningRate, double weightDecay, int epochs, int batchSize,
            double validationFraction, int patience, double anchor, long seed) {
        this(learningRate, weightDecay, epochs, batchSize, validationFraction, patience, anchor, seed,
                TrainingObjective.POINTWISE);
    }

    /**
     * Defaults for joint training of a base and heads on small data on a CPU: lr 0.002, weight decay 0.01,
     * 40 epochs, batch 64, 10% held out, patience 4.
     *
     * @param seed the seed
     * @return the options
     */
    public static TrainingOptions training(long seed) {
        return new TrainingOptions(0.002, 0.01, 40, 64, 0.1, 4, 0, seed);
    }

    /**
     * Defaults for fitting one new user's head with the base frozen (about 100 examples): lr 0.01, weight
     * decay 0.01, 30 epochs, batch 32, 15% held out, patience 5, anchor 0.05.
     *
     * @param seed the seed
     * @return the options
     */
    public static TrainingOptions fitting(long seed) {
        return new TrainingOptions(0.01, 0.01, 30, 32, 0.15, 5, 0.05, seed);
    }

    /**
     * A copy with another number of epochs.
     *
     * @param value the epochs
     * @return the options
     */
    public TrainingOptions withEpochs(int value) {
        return new TrainingOptions(learningRate, weightDecay, value, batchSize, validationFraction, patience, anchor,
                seed,
                objective);
    }

    /**
     * A copy with another learning rate.
     *
     * @param value the learning rate
     * @return the options
     */
    public TrainingOptions withLearningRate(double value) {
        return new TrainingOptions(value, weightDecay, epochs, batchSize, validationFraction, patience, anchor, seed,
                objective);
    }

    /**
     * A copy with another seed.
     *
     * @param value the seed
     * @return the options
     */
    public TrainingOptions withSeed(long value) {
        return new TrainingOptions(learningRate, weightDecay, epochs, batchSize, validationFraction, patience, anchor,
                value,
                objective);
    }

    /**
     * A copy with another objective.
     *
     * @param value the objective
     * @return the options
     */
    public TrainingOptions withObjective(TrainingObjective value) {
        return new TrainingOptions(learningRate, weightDecay, epochs, batchSize, validationFraction, patience, anchor,
                seed,
                value);
    }
}
