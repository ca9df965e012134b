package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.spi.HeadArchitecture;
import dev.hydra.testkit.HeadCompatibilityKit;
import dev.hydra.testkit.reference.ReferenceLogisticHead;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The head kit fails each broken head on the checks that its defect breaks. */
class BrokenHeadsTest {

    @Test
    void should_catch_a_head_whose_gradient_for_z_has_the_wrong_sign() {
        assertKitCatches(WrongGradientTestCase.class, "should_match_the_numerical_gradient");
    }

    @Test
    void should_catch_a_head_that_initializes_from_its_own_randomness() {
        assertKitCatches(NonDeterministicInitTestCase.class,
                "should_initialize_the_same_from_the_same_seed_with_finite_values");
    }

    @Test
    void should_catch_a_head_that_reads_more_parameters_than_it_declares() {
        assertKitCatches(ShapeMismatchTestCase.class, "should_give_finite_outputs_and_leave_the_inputs_alone",
                "should_match_the_numerical_gradient", "should_scale_with_the_loss_derivative_and_add_to_the_gradients",
                "should_fit_a_rule_of_its_own_kind_by_gradient_descent", "should_depend_on_the_base_output");
    }

    @Test
    void should_catch_a_head_that_overwrites_the_gradients_instead_of_adding() {
        // gradient descent sums a batch's gradients in one array: only the last example would count
        assertKitCatches(OverwritesGradientsTestCase.class,
                "should_scale_with_the_loss_derivative_and_add_to_the_gradients",
                "should_fit_a_rule_of_its_own_kind_by_gradient_descent");
    }

    @Test
    void should_catch_a_head_that_skips_the_spis_checks() {
        assertKitCatches(SkipsChecksTestCase.class, "should_leave_the_checks_to_the_spi",
                "should_refuse_arrays_of_the_wrong_length");
    }

    @Test
    void should_catch_a_head_that_ignores_the_base_output() {
        assertKitCatches(IgnoresZTestCase.class, "should_depend_on_the_base_output");
    }

    @SelfTestOnly
    static class WrongGradientTestCase extends HeadCompatibilityKit {
        @Override
        protected HeadArchitecture architecture() {
            return new ReferenceLogisticHead() {
                @Override
                public void doBackward(float[] params, float[] z, double d, float[] gradParams, float[] gradZ) {
                    super.doBackward(params, z, -d, new float[gradParams.length], gradZ);
                    super.doBackward(params, z, d, gradParams, new float[gradZ.length]);
                }
            };
        }
    }

    @SelfTestOnly
    static class NonDeterministicInitTestCase extends HeadCompatibilityKit {
        private final Random own = new Random();

        @Override
        protected HeadArchitecture architecture() {
            return new ReferenceLogisticHead() {
                @Override
                public void doInitialize(float[] params, int baseWidth, Random random) {
                    super.doInitialize(params, baseWidth, own);
                }
            };
        }
    }

    @SelfTestOnly
    static class ShapeMismatchTestCase extends HeadCompatibilityKit {
        @Override
        protected HeadArchitecture architecture() {
            return new ReferenceLogisticHead() {
                @Override
                public int parameterCount(int baseWidth) {
                    return baseWidth; // forgets the bias, which forward and backward still read
                }

                @Override
                public void doInitialize(float[] params, int baseWidth, Random random) {
                    for (int i = 0; i < params.length; i++) {
                        params[i] = (float) random.nextGaussian();
                    }
                }
            };
        }
    }

    @SelfTestOnly
    static class OverwritesGradientsTestCase extends HeadCompatibilityKit {
        @Override
        protected HeadArchitecture architecture() {
            return new ReferenceLogisticHead() {
                @Override
                public void doBackward(float[] params, float[] z, double d, float[] gradParams, float[] gradZ) {
                    java.util.Arrays.fill(gradParams, 0f);
                    java.util.Arrays.fill(gradZ, 0f);
                    super.doBackward(params, z, d, gradParams, gradZ);
                }
            };
        }
    }

    @SelfTestOnly
    static class SkipsChecksTestCase extends HeadCompatibilityKit {
        @Override
        protected HeadArchitecture architecture() {
            return new ReferenceLogisticHead() {
                @Override
                public double forward(float[] params, float[] z) {
                    return doForward(params, z);
                }
            };
        }
    }

    @SelfTestOnly
    static class IgnoresZTestCase extends HeadCompatibilityKit {
        @Override
        protected HeadArchitecture architecture() {
            return new ReferenceLogisticHead() {
                @Override
                public double doForward(float[] params, float[] z) {
                    return params[z.length];
                }

                @Override
                public void doBackward(float[] params, float[] z, double d, float[] gradParams, float[] gradZ) {
                    gradParams[z.length] += (float) d;
                }
            };
        }
    }
}
