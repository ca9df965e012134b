package dev.hydra.example.plugin;

import dev.hydra.api.spi.HeadArchitecture;
import java.util.Random;
import org.osgi.service.component.annotations.Component;

/**
 * A {@code "bias-scale"} head: a per-user calibration of a score that the base shares, two floats per user.
 *
 * <p>The shared score is the base output's projection on the fixed direction {@code 1/sqrt(h)}, i.e.
 * {@code t = sum(z) / sqrt(h)}; jointly trained, the base learns to put what all users agree on into it. Each user
 * then has a scale {@code a} (how strongly, and in which direction, they follow the shared score) and a bias
 * {@code b} (how many items they like at all): the head's output is {@code a * t + b}, flat as {@code [a, b]}. A
 * new head starts as the identity calibration, {@code a = 1, b = 0}.
 *
 * <p>Registered twice, like {@link KeywordOverlapRetrieverProvider}: in {@code META-INF/services} for
 * {@link java.util.ServiceLoader}, and as a Declarative Services component, which hydra-heads' whiteboard picks up
 * in OSGi. Select it by name: {@code new ScorerConfig(dim, extras, hidden, "bias-scale", rank)} or
 * {@code new DjlScorerFactory(encoder, heads, "bias-scale")}.
 *
 * @since 0.2
 */
@Component(service = HeadArchitecture.class, property = "hydra.plugin.name=" + BiasScaleHead.NAME)
public final class BiasScaleHead implements HeadArchitecture {

    /** The head kind's name, stored with every model and head of this kind. */
    public static final String NAME = "bias-scale";

    /** Creates the head architecture (for {@link java.util.ServiceLoader} and Declarative Services). */
    public BiasScaleHead() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int parameterCount(int baseWidth) {
        return 2;
    }

    @Override
    public void doInitialize(float[] params, int baseWidth, Random random) {
        params[0] = 1f;
        params[1] = 0f;
    }

    @Override
    public double doForward(float[] params, float[] z) {
        return params[0] * shared(z) + params[1];
    }

    @Override
    public void doBackward(float[] params, float[] z, double dLossDOutput, float[] gradParams, float[] gradZ) {
        double t = shared(z);
        gradParams[0] += (float) (dLossDOutput * t);
        gradParams[1] += (float) dLossDOutput;
        float perZ = (float) (dLossDOutput * params[0] / Math.sqrt(z.length));
        for (int i = 0; i < z.length; i++) {
            gradZ[i] += perZ;
        }
    }

    /** The shared score {@code sum(z) / sqrt(h)}. */
    private static double shared(float[] z) {
        double sum = 0;
        for (float v : z) {
            sum += v;
        }
        return sum / Math.sqrt(z.length);
    }
}
