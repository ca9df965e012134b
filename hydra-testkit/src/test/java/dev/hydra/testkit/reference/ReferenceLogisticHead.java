package dev.hydra.testkit.reference;

import dev.hydra.api.spi.HeadArchitecture;
import java.util.Random;

/** A correct reference head: logistic regression over the base's output, {@code w·z + b}, flat as {@code w, b}. */
public class ReferenceLogisticHead implements HeadArchitecture {

    @Override
    public String name() {
        return "logistic";
    }

    @Override
    public int parameterCount(int baseWidth) {
        return baseWidth + 1;
    }

    @Override
    public void doInitialize(float[] params, int baseWidth, Random random) {
        for (int i = 0; i < baseWidth; i++) {
            params[i] = (float) (random.nextGaussian() / Math.sqrt(baseWidth));
        }
        params[baseWidth] = 0f;
    }

    @Override
    public double doForward(float[] params, float[] z) {
        double s = params[z.length];
        for (int i = 0; i < z.length; i++) {
            s += params[i] * z[i];
        }
        return s;
    }

    @Override
    public void doBackward(float[] params, float[] z, double dLossDOutput, float[] gradParams, float[] gradZ) {
        for (int i = 0; i < z.length; i++) {
            gradParams[i] += (float) (dLossDOutput * z[i]);
            gradZ[i] += (float) (dLossDOutput * params[i]);
        }
        gradParams[z.length] += (float) dLossDOutput;
    }
}
