package dev.hydra.core.llm;

import dev.hydra.api.Candidate;
import dev.hydra.api.Generation;
import dev.hydra.api.LlmException;
import dev.hydra.api.Prompt;
import dev.hydra.api.SampleFailure;
import dev.hydra.api.Sampling;
import dev.hydra.api.TokenUsage;
import dev.hydra.api.spi.LlmBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An {@link LlmBackend} that answers from a persistent {@link ResponseCache} and asks its delegate only for
 * the samples the cache does not hold.
 *
 * <p>Each sample is cached under (backend name, model id, prompt, temperature, max tokens, seed, sample index).
 * A request for samples 0..7 of which 0..3 are cached asks the delegate for samples 4..7 only: as sample
 * {@code i} uses seed {@code seed + i}, the missing run {@code a..b} is asked as {@code b - a + 1} samples from
 * seed {@code seed + a}. Failed samples are reported and not cached. The token usage is that of the delegate
 * calls made now: an answer from the cache uses no tokens.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use when the delegate is. Two concurrent identical requests may
 * both miss and both ask the delegate; the cache then holds one of the two answers. {@link #close()} closes the
 * delegate when it is {@link AutoCloseable}.
 *
 * @since 0.1
 */
public final class CachingLlmBackend implements LlmBackend, AutoCloseable {

    private final LlmBackend delegate;
    private final ResponseCache cache;
    private final AtomicLong delegateCalls = new AtomicLong();

    /**
     * Wraps a backend.
     *
     * @param delegate the backend that produces missing answers; never {@code null}
     * @param cache where answers are kept; never {@code null}
     */
    public CachingLlmBackend(LlmBackend delegate, LlmResponseCache cache) {
        this(delegate, (ResponseCache) cache);
    }

    /**
     * Wraps a backend over any response cache, as one in a database that several instances share.
     *
     * @param delegate the backend that produces missing answers; never {@code null}
     * @param cache where answers are kept; never {@code null}
     * @since 0.3
     */
    public CachingLlmBackend(LlmBackend delegate, ResponseCache cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
        this.cache = Objects.requireNonNull(cache, "cache must not be null");
    }

    /**
     * Answers from the cache, asking the delegate only for the missing samples, and caches what it produces.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @return every sample, cached or fresh; failed ones in {@link Generation#failures()}
     * @throws LlmException when no sample is cached and every fresh one failed
     */
    @Override
    public Generation generate(Prompt prompt, Sampling sampling) {
        return generate(prompt, sampling, null);
    }

    /**
     * Answers as {@link #generate(Prompt, Sampling)} does, handing each cached sample over at once and each fresh
     * one as the delegate reports it, so that a caller's work on a candidate overlaps the delegate's on the others.
     *
     * @param prompt the messages; never {@code null}
     * @param sampling how many samples and how; never {@code null}
     * @param onCandidate receives each candidate, with its index in this request; never {@code null}
     * @return every sample, cached or fresh; failed ones in {@link Generation#failures()}
     * @throws LlmException when no sample is cached and every fresh one failed
     */
    @Override
    public Generation generate(Prompt prompt, Sampling sampling, Consumer<Candidate> onCandidate) {
        Objects.requireNonNull(prompt, "prompt must not be null");
        Objects.requireNonNull(sampling, "sampling must not be null");
        List<Candidate> candidates = new ArrayList<>();
        List<SampleFailure> failures = new ArrayList<>();
        boolean[] missing = new boolean[sampling.n()];
        for (int i = 0; i < sampling.n(); i++) {
            Optional<String> cached = cache.get(key(prompt, sampling, i));
            if (cached.isPresent()) {
                candidates.add(new Candidate(cached.get(), i));
                if (onCandidate != null) {
                    CandidateForwarding.handOver(onCandidate, candidates.get(candidates.size() - 1));
                }
            } else {
                missing[i] = true;
            }
        }
        TokenUsage usage = TokenUsage.ZERO;
        RuntimeException firstCause = null;
        for (int start = 0; start < missing.length; start++) {
            if (!missing[start]) {
                continue;
            }
            int end = start;
            while (end < missing.length && missing[end]) {
                end++;
            }
            try {
                usage = usage.plus(fetch(prompt, sampling, start, end - start, candidates, failures, onCandidate));
            } catch (LlmException e) {
                firstCause = firstCause == null ? e : firstCause;
                for (int s = start; s < end; s++) {
                    failures.add(new SampleFailure(s, describe(e), false));
                }
            }
            start = end;
        }
        if (candidates.isEmpty()) {
            throw firstCause != null ? firstCause
                    : new LlmException("no sample of " + sampling.n() + " succeeded", null);
        }
        return new Generation(candidates, failures, usage);
    }

    private TokenUsage fetch(Prompt prompt, Sampling sampling, int start, int count, List<Candidate> candidates,
            List<SampleFailure> failures, Consumer<Candidate> onCandidate) {
        delegateCalls.incrementAndGet();
        Sampling run = new Sampling(count, sampling.temperature(), sampling.maxTokens(), sampling.seed() + start);
        Generation fresh = onCandidate == null ? delegate.generate(prompt, run)
                : CandidateForwarding.generate(delegate, prompt, run,
                        c -> onCandidate.accept(new Candidate(c.text(), start + c.sampleIndex())));
        for (Candidate c : fresh.candidates()) {
            int index = start + c.sampleIndex();
            cache.put(key(prompt, sampling, index), c.text());
            candidates.add(new Candidate(c.text(), index));
        }
        for (SampleFailure f : fresh.failures()) {
            failures.add(new SampleFailure(start + f.sampleIndex(), f.reason(), f.timedOut()));
        }
        return fresh.usage();
    }

    private CacheKey key(Prompt prompt, Sampling sampling, int index) {
        return CacheKey.of(delegate.name(), delegate.modelId(), prompt, sampling, index);
    }

    private static String describe(Throwable e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /**
     * The delegate's name: the cache is transparent.
     *
     * @return the delegate's name
     */
    @Override
    public String name() {
        return delegate.name();
    }

    /**
     * The delegate's model id.
     *
     * @return the delegate's model id
     */
    @Override
    public String modelId() {
        return delegate.modelId();
    }

    /**
     * The folder cache behind this backend, with its hit, miss and damage counts.
     *
     * @return the cache
     * @throws IllegalStateException when the answers are kept elsewhere: see {@link #responseCache()}
     */
    public LlmResponseCache cache() {
        if (cache instanceof LlmResponseCache files) {
            return files;
        }
        throw new IllegalStateException("this backend caches its answers in " + cache
                + ", not in a folder: use responseCache()");
    }

    /**
     * The cache behind this backend, wherever it keeps the answers, with its hit and miss counts.
     *
     * @return the cache
     * @since 0.3
     */
    public ResponseCache responseCache() {
        return cache;
    }

    /**
     * How many times the delegate was asked (once per run of missing samples).
     *
     * @return the count since this instance was made
     */
    public long delegateCalls() {
        return delegateCalls.get();
    }

    /**
     * Closes the delegate when it is {@link AutoCloseable}.
     *
     * @throws Exception what the delegate's close throws
     */
    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
