package dev.hydra.eval;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.spi.LlmBackend;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * A pool whose slowest samples were dropped: what a deadline costs in quality when each sample's latency is drawn
 * independently. Then which samples are slowest has nothing to do with their content, so the slowest {@code k} of
 * a pool of {@code n} are {@code k} of its samples drawn at random: this backend drops them, the greedy answer
 * (sample 0, asked for in a call of its own) included, and reports them as timed out, as a deadline does.
 *
 * <p>The draw depends only on the prompt and the seed, so the greedy call and the sampled call of one pool agree on
 * it without sharing state, and the same evaluation drops the same samples every time.
 */
final class SlowestSamplesDropped implements LlmBackend {

    private final LlmBackend delegate;
    private final int pool;
    private final int dropped;
    private final long seed;

    /**
     * @param delegate the black box
     * @param pool the answers of one pool (N, the greedy one included)
     * @param dropped how many of them miss the deadline, in [1, N - 1]
     * @param seed the seed of the draw
     */
    SlowestSamplesDropped(LlmBackend delegate, int pool, int dropped, long seed) {
        if (dropped < 1 || dropped >= pool) {
            throw new IllegalArgumentException("dropped samples must be in [1, " + (pool - 1) + "] for a pool of "
                    + pool + ", was " + dropped);
        }
        this.delegate = delegate;
        this.pool = pool;
        this.dropped = dropped;
        this.seed = seed;
    }

    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        Generation all = delegate.generate(prompt, sampling);
        if (sampling.n() == 1 && sampling.temperature() > 0) {
            return all; // not one of a pool's two calls
        }
        // the greedy call is the pool's sample 0, the sampled call its samples 1..N-1
        int first = sampling.n() == 1 ? 0 : 1;
        BitSet slow = slowest(prompt);
        List<Candidate> kept = new ArrayList<>();
        List<SampleFailure> failures = new ArrayList<>(all.failures());
        for (Candidate c : all.candidates()) {
            if (slow.get(first + c.sampleIndex())) {
                failures.add(new SampleFailure(c.sampleIndex(), "dropped: one of the " + dropped + " slowest of "
                        + pool + " samples", true));
            } else {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            throw new LlmException("every sample of this call was among the " + dropped + " slowest of " + pool, null);
        }
        return new Generation(kept, failures, all.usage());
    }

    /** Which of the pool's samples are the slowest: {@code dropped} of {@code 0..pool-1}, drawn from the prompt. */
    BitSet slowest(Prompt prompt) {
        Random random = new Random(seed * 31 + prompt.toString().hashCode());
        BitSet slow = new BitSet(pool);
        while (slow.cardinality() < dropped) {
            slow.set(random.nextInt(pool));
        }
        return slow;
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public String name() {
        return delegate.name();
    }
}
