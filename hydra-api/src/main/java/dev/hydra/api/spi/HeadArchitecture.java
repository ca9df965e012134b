package dev.hydra.api.spi;

import java.util.Objects;
import java.util.Random;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The architecture of a per-user head: a small function over plain float arrays that maps the shared base's
 * output {@code z} (a vector of width {@code h}) to the log-odds that a pair is useful (label 1).
 *
 * <p>A head's parameters are one flat {@code float[]} of {@link #parameterCount} values; the architecture says
 * how to initialize them, how to compute the head's output from them ({@link #forward}), and how that output
 * changes with them and with {@code z} ({@link #backward}). Hydra does the rest: it trains the base together
 * with the shared default head and one head per user, fits a new user's head with the base frozen, keeps each
 * user's parameters in the {@link HeadStore}, and scores with the head in plain Java. The score of a pair is
 * {@code sigmoid(forward(params, z))}, and training minimises a cross-entropy on it (pointwise or listwise).
 *
 * <p><b>Implementing:</b> implement {@link #name()}, {@link #parameterCount}, {@link #doInitialize},
 * {@link #doForward} and {@link #doBackward}; raise {@link #formatVersion()} whenever the meaning of the flat
 * parameters changes, so that stored heads of the old layout are refused rather than misread. Callers call
 * {@link #initialize}, {@link #forward} and {@link #backward}, which check the array lengths (and that the output
 * is finite) around the {@code do*} methods. The {@code hydra-testkit}'s {@code HeadCompatibilityKit} checks the
 * gradient numerically, the determinism of the initialization and the lengths.
 *
 * <p>Registration is that of every plugin: {@code META-INF/services/dev.hydra.api.spi.HeadArchitecture} on a
 * class path, or an OSGi service with the property {@code hydra.plugin.name}. The name is stored with every
 * model and head, so a model trained with a plugin head needs that plugin to load. The built-in kinds are
 * {@code "hydra"} (the paper's {@code Linear(h,h) -> tanh -> Linear(h,2)}) and {@code "lowrank"}.
 *
 * <p><b>Thread-safety:</b> implementations are stateless and safe for concurrent use; the arrays passed in
 * belong to the caller for the duration of the call only.
 *
 * @since 0.2
 */
@ConsumerType
public interface HeadArchitecture extends Plugin {

    /**
     * The version of the flat parameter layout, stored with every model and head of this kind; a stored head of
     * another version is not read. The default is 1.
     *
     * @return the version, at least 1
     */
    default int formatVersion() {
        return 1;
    }

    /**
     * The number of parameters of one head over a base output of width {@code baseWidth}.
     *
     * @param baseWidth {@code h}, at least 1
     * @return the count, at least 1
     */
    int parameterCount(int baseWidth);

    /**
     * Fills a new head's parameters: checks the arguments, then calls {@link #doInitialize}. The same
     * {@code random} state must give the same parameters.
     *
     * @param params the array to fill, {@link #parameterCount parameterCount(baseWidth)} long
     * @param baseWidth {@code h}, at least 1
     * @param random the only source of randomness; never {@code null}
     * @throws IllegalArgumentException when the array's length does not fit {@code baseWidth}
     * @throws IllegalStateException when {@code doInitialize} left a value that is not finite
     */
    default void initialize(float[] params, int baseWidth, Random random) {
        HeadChecks.parameters(this, params, baseWidth);
        Objects.requireNonNull(random, () -> "head '" + name() + "': random must not be null");
        doInitialize(params, baseWidth, random);
        HeadChecks.finite(this, params, "doInitialize", "parameter");
    }

    /**
     * Fills a new head's parameters, with checked arguments. Called by {@link #initialize} only.
     *
     * @param params the array to fill, of the right length
     * @param baseWidth {@code h}
     * @param random the only source of randomness
     */
    void doInitialize(float[] params, int baseWidth, Random random);

    /**
     * The head's output for one base output: checks the arguments, calls {@link #doForward} and checks that the
     * result is finite.
     *
     * @param params the head's parameters; {@code parameterCount(z.length)} long
     * @param z the base's output, {@code h} values
     * @return the log-odds that the pair is useful; {@code sigmoid} of it is the pair's score
     * @throws IllegalArgumentException when the lengths do not fit each other
     * @throws IllegalStateException when {@code doForward} returned a value that is not finite
     */
    default double forward(float[] params, float[] z) {
        HeadChecks.input(this, params, z);
        double out = doForward(params, z);
        if (!Double.isFinite(out)) {
            throw new IllegalStateException("head '" + name() + "': doForward returned " + out
                    + "; the output must be finite");
        }
        return out;
    }

    /**
     * The head's output, with checked arguments. Called by {@link #forward} only.
     *
     * @param params the parameters, of the right length
     * @param z the base's output
     * @return the log-odds of label 1
     */
    double doForward(float[] params, float[] z);

    /**
     * Back-propagates through one {@link #forward}: checks the arguments, then calls {@link #doBackward}, which
     * <em>adds</em> {@code dLossDOutput * d forward / d params} to {@code gradParams} and
     * {@code dLossDOutput * d forward / d z} to {@code gradZ}.
     *
     * @param params the parameters, {@code parameterCount(z.length)} long
     * @param z the base's output
     * @param dLossDOutput the derivative of the loss with respect to the output of {@code forward(params, z)}
     * @param gradParams the gradient to add to, as long as {@code params}
     * @param gradZ the gradient to add to, as long as {@code z}
     * @throws IllegalArgumentException when a length does not fit, or {@code dLossDOutput} is not finite
     */
    default void backward(float[] params, float[] z, double dLossDOutput, float[] gradParams, float[] gradZ) {
        HeadChecks.input(this, params, z);
        HeadChecks.length(this, gradParams, params.length, "gradParams");
        HeadChecks.length(this, gradZ, z.length, "gradZ");
        if (!Double.isFinite(dLossDOutput)) {
            throw new IllegalArgumentException("head '" + name() + "': dLossDOutput must be finite, was "
                    + dLossDOutput);
        }
        doBackward(params, z, dLossDOutput, gradParams, gradZ);
    }

    /**
     * Back-propagates, with checked arguments; adds to both gradients. Called by {@link #backward} only.
     *
     * @param params the parameters
     * @param z the base's output
     * @param dLossDOutput the derivative of the loss with respect to the output
     * @param gradParams the parameters' gradient to add to
     * @param gradZ the base output's gradient to add to
     */
    void doBackward(float[] params, float[] z, double dLossDOutput, float[] gradParams, float[] gradZ);
}

/** The argument checks of {@link HeadArchitecture}'s default methods; every message names the head and the fix. */
final class HeadChecks {

    private HeadChecks() {}

    static void parameters(HeadArchitecture head, float[] params, int baseWidth) {
        if (baseWidth < 1) {
            throw new IllegalArgumentException("head '" + head.name() + "': the base width must be >= 1, was "
                    + baseWidth);
        }
        length(head, params, head.parameterCount(baseWidth), "params");
    }

    static void input(HeadArchitecture head, float[] params, float[] z) {
        Objects.requireNonNull(z, () -> "head '" + head.name() + "': z (the base's output) must not be null");
        parameters(head, params, z.length);
    }

    static void length(HeadArchitecture head, float[] values, int expected, String what) {
        Objects.requireNonNull(values, () -> "head '" + head.name() + "': " + what + " must not be null");
        if (values.length != expected) {
            throw new IllegalArgumentException("head '" + head.name() + "': " + what + " has " + values.length
                    + " values, expected " + expected + " (see parameterCount and the base's width)");
        }
    }

    static void finite(HeadArchitecture head, float[] values, String method, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalStateException("head '" + head.name() + "': " + method + " left " + what + " " + i
                        + " at " + values[i] + "; every value must be finite");
            }
        }
    }
}
