package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.api.spi.Plugin;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Base class for {@link HeadArchitecture} compatibility tests: checks what Hydra relies on when it trains, fits,
 * stores and scores with a plugin's head.
 *
 * <p>To run a head against this kit, make a test class that extends this and implement {@link #architecture()}:
 * <pre>{@code
 * class BiasScaleHeadCompatibilityTest extends HeadCompatibilityKit {
 *     protected HeadArchitecture architecture() { return new BiasScaleHead(); }
 * }
 * }</pre>
 *
 * <p>The checks, for each base width of {@link #baseWidths()}: the name is valid and the format version at least
 * 1; the parameter count is positive and stable; the same seed gives the same initial parameters, all finite;
 * outputs are finite and do not change the inputs; {@code backward} agrees with central finite differences of
 * {@code forward} (for the parameters and for {@code z}), scales with {@code dLossDOutput} and adds to the
 * gradients rather than overwriting them; arrays of the wrong length are refused; the head implements the
 * {@code do*} methods and leaves {@code initialize}, {@code forward} and {@code backward}, which check the
 * arguments, to the SPI; the output depends on {@code z}; and plain gradient descent with {@code backward} fits
 * a head to a rule drawn by another head of the same kind (a teacher), so that the head is trainable.
 *
 * @since 0.2
 */
public abstract class HeadCompatibilityKit {

    private static final long SEED = 20_240_611L;

    /** Creates the kit; subclasses need no constructor. */
    protected HeadCompatibilityKit() {}

    /**
     * The architecture under test.
     *
     * @return the architecture; may be a new instance on each call
     */
    protected abstract HeadArchitecture architecture();

    /**
     * The widths of the base's output to check, by default 1, 8 and 24.
     *
     * @return the widths, each at least 1
     */
    protected int[] baseWidths() {
        return new int[] {1, 8, 24};
    }

    @Test
    void should_have_a_valid_name_and_format_version() {
        // given
        HeadArchitecture head = architecture();

        // when
        String name = head.name();

        // then
        assertEquals(name, Plugin.checkName(name));
        assertTrue(head.formatVersion() >= 1, "formatVersion() must be >= 1, was " + head.formatVersion());
    }

    @Test
    void should_have_a_positive_and_stable_parameter_count() {
        for (int width : baseWidths()) {
            should_have_a_positive_and_stable_parameter_count(width);
        }
    }

    private void should_have_a_positive_and_stable_parameter_count(int width) {
        // given
        HeadArchitecture head = architecture();

        // when
        int count = head.parameterCount(width);

        // then
        assertTrue(count >= 1, "parameterCount(" + width + ") must be >= 1, was " + count);
        assertEquals(count, architecture().parameterCount(width), "parameterCount must not change between calls");
    }

    @Test
    void should_initialize_the_same_from_the_same_seed_with_finite_values() {
        for (int width : baseWidths()) {
            should_initialize_the_same_from_the_same_seed_with_finite_values(width);
        }
    }

    private void should_initialize_the_same_from_the_same_seed_with_finite_values(int width) {
        // given
        HeadArchitecture head = architecture();
        float[] first = new float[head.parameterCount(width)];
        float[] second = new float[first.length];

        // when
        head.initialize(first, width, new Random(SEED));
        architecture().initialize(second, width, new Random(SEED));

        // then
        assertArrayEquals(first, second, "the same seed must give the same initial parameters: draw every "
                + "random number from the Random given to doInitialize");
        for (float v : first) {
            assertTrue(Float.isFinite(v), "an initial parameter is not finite");
        }
    }

    @Test
    void should_give_finite_outputs_and_leave_the_inputs_alone() {
        for (int width : baseWidths()) {
            should_give_finite_outputs_and_leave_the_inputs_alone(width);
        }
    }

    private void should_give_finite_outputs_and_leave_the_inputs_alone(int width) {
        // given
        HeadArchitecture head = architecture();
        Random random = new Random(SEED + width);
        float[] params = parameters(head, width, random);
        float[] z = vector(width, random, 3);
        float[] paramsBefore = params.clone();
        float[] zBefore = z.clone();

        // when
        double out = head.forward(params, z);
        head.backward(params, z, 1.0, new float[params.length], new float[width]);

        // then
        assertTrue(Double.isFinite(out), "forward gave " + out);
        assertEquals(out, head.forward(params, z), "forward must be a function of its inputs");
        assertArrayEquals(paramsBefore, params, "forward and backward must not change params");
        assertArrayEquals(zBefore, z, "forward and backward must not change z");
    }

    @Test
    void should_match_the_numerical_gradient() {
        for (int width : baseWidths()) {
            should_match_the_numerical_gradient(width);
        }
    }

    private void should_match_the_numerical_gradient(int width) {
        // given
        HeadArchitecture head = architecture();
        Random random = new Random(SEED * 31 + width);
        float[] params = parameters(head, width, random);
        float[] z = vector(width, random, 1);
        float[] gradParams = new float[params.length];
        float[] gradZ = new float[width];

        // when
        head.backward(params, z, 1.0, gradParams, gradZ);

        // then
        int step = Math.max(1, params.length / 64);
        for (int i = 0; i < params.length; i += step) {
            assertClose(numerical(head, params, z, params, i), gradParams[i], "d forward / d params[" + i + "]");
        }
        for (int i = 0; i < width; i++) {
            assertClose(numerical(head, params, z, z, i), gradZ[i], "d forward / d z[" + i + "]");
        }
    }

    @Test
    void should_scale_with_the_loss_derivative_and_add_to_the_gradients() {
        for (int width : baseWidths()) {
            should_scale_with_the_loss_derivative_and_add_to_the_gradients(width);
        }
    }

    private void should_scale_with_the_loss_derivative_and_add_to_the_gradients(int width) {
        // given
        HeadArchitecture head = architecture();
        Random random = new Random(SEED + 7 * width);
        float[] params = parameters(head, width, random);
        float[] z = vector(width, random, 1);
        float[] once = new float[params.length];
        float[] onceZ = new float[width];
        float[] twice = new float[params.length];
        float[] twiceZ = new float[width];

        // when
        head.backward(params, z, 2.5, once, onceZ);
        head.backward(params, z, 2.0, twice, twiceZ);
        head.backward(params, z, 0.5, twice, twiceZ);

        // then: 2.5 at once equals 2.0 then 0.5 added on top
        for (int i = 0; i < once.length; i++) {
            assertClose(once[i], twice[i], "gradParams[" + i + "] after backward(2.5) vs backward(2.0) + backward(0.5)"
                    + " into the same array (backward must add to the gradients, scaled by dLossDOutput)");
        }
        for (int i = 0; i < width; i++) {
            assertClose(onceZ[i], twiceZ[i], "gradZ[" + i + "] after backward(2.5) vs backward(2.0) + backward(0.5)");
        }
    }

    @Test
    void should_refuse_arrays_of_the_wrong_length() {
        // given
        HeadArchitecture head = architecture();
        int width = 4;
        float[] params = parameters(head, width, new Random(SEED));
        float[] longer = new float[params.length + 1];

        // when / then
        assertThrows(IllegalArgumentException.class, () -> head.forward(longer, new float[width]));
        assertThrows(IllegalArgumentException.class, () -> head.initialize(longer, width, new Random(SEED)));
        assertThrows(IllegalArgumentException.class,
                () -> head.backward(params, new float[width], 1.0, new float[params.length], new float[width + 1]));
    }

    @Test
    void should_leave_the_checks_to_the_spi() {
        // given
        HeadArchitecture head = architecture();

        // when / then
        CheckedEntryPoints.assertLeftToTheSpi(head, HeadArchitecture.class, "forward", float[].class, float[].class);
        CheckedEntryPoints.assertLeftToTheSpi(head, HeadArchitecture.class, "backward", float[].class, float[].class,
                double.class, float[].class, float[].class);
        CheckedEntryPoints.assertLeftToTheSpi(head, HeadArchitecture.class, "initialize", float[].class, int.class,
                Random.class);
    }

    @Test
    void should_depend_on_the_base_output() {
        // given
        HeadArchitecture head = architecture();
        int width = 8;
        Random random = new Random(SEED + 3);
        float[] params = parameters(head, width, random);

        // when
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 64; i++) {
            double out = head.forward(params, vector(width, random, 1));
            min = Math.min(min, out);
            max = Math.max(max, out);
        }

        // then
        assertTrue(max - min > 1e-6, "the head gave " + min + " for every one of 64 base outputs: its output must "
                + "depend on z, or the base cannot personalize through it");
    }

    @Test
    void should_fit_a_rule_of_its_own_kind_by_gradient_descent() {
        // given: 64 base outputs of width 8, labelled 1 where a teacher head of this kind is above its median
        HeadArchitecture head = architecture();
        int width = 8;
        Random random = new Random(SEED);
        float[] teacher = parameters(head, width, random);
        float[][] zs = new float[64][];
        double[] outs = new double[zs.length];
        for (int i = 0; i < zs.length; i++) {
            zs[i] = vector(width, random, 1);
            outs[i] = head.forward(teacher, zs[i]);
        }
        double median = java.util.Arrays.stream(outs).sorted().toArray()[zs.length / 2];
        int[] labels = new int[zs.length];
        for (int i = 0; i < zs.length; i++) {
            labels[i] = outs[i] >= median ? 1 : 0;
        }
        float[] params = new float[head.parameterCount(width)];
        head.initialize(params, width, new Random(SEED + 1));

        // when: full-batch gradient descent on the cross-entropy of sigmoid(forward)
        for (int step = 0; step < 500; step++) {
            float[] grad = new float[params.length];
            for (int i = 0; i < zs.length; i++) {
                double p = sigmoid(head.forward(params, zs[i]));
                head.backward(params, zs[i], (p - labels[i]) / zs.length, grad, new float[width]);
            }
            for (int j = 0; j < params.length; j++) {
                params[j] -= 0.5f * grad[j];
            }
        }

        // then
        int right = 0;
        for (int i = 0; i < zs.length; i++) {
            right += (head.forward(params, zs[i]) > 0 ? 1 : 0) == labels[i] ? 1 : 0;
        }
        assertTrue(right >= 0.85 * zs.length, "after gradient descent the head classifies " + right + " of "
                + zs.length + " base outputs right, expected at least 85% of a rule that a head of its own kind "
                + "drew: does backward point downhill, and does it add up over examples?");
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Initialized parameters, moved a little at random so that no part sits at a special point such as zero. */
    private static float[] parameters(HeadArchitecture head, int width, Random random) {
        float[] params = new float[head.parameterCount(width)];
        head.initialize(params, width, random);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.1 * random.nextGaussian());
        }
        return params;
    }

    private static float[] vector(int width, Random random, double scale) {
        float[] z = new float[width];
        for (int i = 0; i < width; i++) {
            z[i] = (float) (scale * random.nextGaussian());
        }
        return z;
    }

    /** The central difference of {@code forward} in one entry of {@code target} (which is params or z). */
    private static double numerical(HeadArchitecture head, float[] params, float[] z, float[] target, int i) {
        float original = target[i];
        float eps = 1e-2f * Math.max(1f, Math.abs(original));
        target[i] = original + eps;
        double up = head.forward(params, z);
        target[i] = original - eps;
        double down = head.forward(params, z);
        target[i] = original;
        return (up - down) / (2.0 * eps);
    }

    private static void assertClose(double expected, double actual, String what) {
        double tolerance = 5e-3 + 2e-2 * Math.abs(expected);
        assertTrue(Math.abs(expected - actual) <= tolerance, what + ": expected " + expected + ", got " + actual
                + " (tolerance " + tolerance + ")");
    }
}
