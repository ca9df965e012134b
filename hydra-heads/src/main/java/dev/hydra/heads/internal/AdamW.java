package dev.hydra.heads.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (decoupled weight decay; beta 0.9/0.999, eps 1e-8) over a fixed list of parameters, on NDArrays; the
 * moment estimates live in the parameters' manager, every temporary of a step in a sub-manager closed at the
 * end of the step.
 */
final class AdamW {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final List<NDArray> params;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final float learningRate;
    private final float weightDecay;
    private int t;

    AdamW(List<NDArray> params, double learningRate, double weightDecay) {
        this.params = params;
        this.learningRate = (float) learningRate;
        this.weightDecay = (float) weightDecay;
        for (NDArray p : params) {
            first.add(p.zerosLike());
            second.add(p.zerosLike());
        }
    }

    /** Applies one update from the parameters' gradients, then zeroes the gradients. */
    void step(NDManager parent) {
        t++;
        float c1 = 1 / (1 - (float) Math.pow(BETA1, t));
        float c2 = 1 / (1 - (float) Math.pow(BETA2, t));
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            try (NDManager s = parent.newSubManager()) {
                NDArray g = own(s, p.getGradient());
                NDArray m = first.get(i);
                NDArray v = second.get(i);
                m.muli(BETA1).addi(own(s, g.mul(1 - BETA1)));
                v.muli(BETA2).addi(own(s, g.square().mul(1 - BETA2)));
                NDArray mHat = own(s, m.mul(c1));
                NDArray denominator = own(s, v.mul(c2)).sqrt().add(EPS);
                p.muli(1 - learningRate * weightDecay);
                p.subi(mHat.div(denominator).mul(learningRate));
                g.muli(0);
            }
        }
    }

    private static NDArray own(NDManager s, NDArray a) {
        a.attach(s);
        return a;
    }
}
