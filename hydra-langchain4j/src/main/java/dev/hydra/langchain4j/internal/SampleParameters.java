package dev.hydra.langchain4j.internal;

import dev.hydra.api.Sampling;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The request parameters of one sample. For Hydra's own calls ({@link #of}): temperature and max tokens always, the
 * seed {@code seed + index} where the model takes one. For a decorated request ({@link #ofCaller}): the caller's,
 * with only what choosing among samples needs on top.
 *
 * <p>A model takes a seed when its parameters type follows LangChain4j's providers' convention for one (OpenAI's,
 * Ollama's, hydra-llamacpp's): a public {@code Integer seed()} and a public static {@code builder()} whose builder
 * has {@code seed(Integer)}. The type is found on the model's default parameters, else on the caller's, so this
 * module needs none of the providers.
 */
public final class SampleParameters {

    private SampleParameters() {}

    /**
     * Builds the parameters of sample {@code index}.
     *
     * @param model the model that will receive them; never {@code null}
     * @param sampling the request's sampling; never {@code null}
     * @param index the sample, from 0
     * @return the parameters
     */
    public static ChatRequestParameters of(ChatModel model, Sampling sampling, int index) {
        Class<?> seeded = seededType(model.defaultRequestParameters(), null);
        int seed = seed(sampling.seed(), index);
        DefaultChatRequestParameters.Builder<?> b = seeded == null ? DefaultChatRequestParameters.builder()
                : seededBuilder(seeded, seed);
        return b.temperature(sampling.temperature()).maxOutputTokens(sampling.maxTokens()).build();
    }

    /**
     * Builds the parameters of sample {@code index} of a decorated request: the caller's parameters (the request's
     * over the model's defaults), of which Hydra changes only what choosing among samples needs, and only when it
     * chooses: the sampling temperature, and the seed {@code base + index} where the model takes one ({@code base}
     * is the caller's seed when it set one, else the sampling's). Everything else (token limit, stop sequences,
     * model name, top-p, provider options) is the caller's.
     *
     * @param model the model that will receive them; never {@code null}
     * @param caller the caller's parameters, already merged with the model's defaults; never {@code null}
     * @param sampling the pipeline's sampling; never {@code null}
     * @param selecting whether the pipeline chooses among several samples; when not, {@code caller} is returned
     * @param index the sample, from 0
     * @return the parameters, of the caller's type or a subtype of it
     */
    public static ChatRequestParameters ofCaller(ChatModel model, ChatRequestParameters caller, Sampling sampling,
            boolean selecting, int index) {
        if (!selecting) {
            return caller;
        }
        Class<?> seeded = seededType(model.defaultRequestParameters(), caller);
        Integer callerSeed = seeded != null && seeded.isInstance(caller) ? seedOf(caller) : null;
        int seed = seed(callerSeed != null ? callerSeed : sampling.seed(), index);
        DefaultChatRequestParameters.Builder<?> patch = seeded == null ? DefaultChatRequestParameters.builder()
                : seededBuilder(seeded, seed);
        return caller.overrideWith(patch.temperature(sampling.temperature()).build());
    }

    /**
     * The seed of one sample as the int providers take: {@code seed + index}, folded into [0, 2^31).
     *
     * @param seed the seed of sample 0
     * @param index the sample
     * @return a non-negative int
     */
    public static int seed(long seed, int index) {
        return (int) ((seed + index) & 0x7fffffffL);
    }

    /** The first of the two parameters' types that takes a seed, or null. */
    private static Class<?> seededType(ChatRequestParameters defaults, ChatRequestParameters caller) {
        for (ChatRequestParameters p : new ChatRequestParameters[] {defaults, caller}) {
            if (p != null && SEEDING.get(p.getClass()) != null) {
                return p.getClass();
            }
        }
        return null;
    }

    /**
     * How a parameters type takes a seed, looked up once per type (every sample of every request asks): its
     * {@code seed()}, its static {@code builder()} and that builder's {@code seed(Integer)}; null when it takes none.
     */
    private record Seeding(Method seed, Method builder, Method setSeed) {}

    private static final ClassValue<Seeding> SEEDING = new ClassValue<>() {
        @Override
        protected Seeding computeValue(Class<?> type) {
            try {
                Method seed = type.getMethod("seed");
                Method builder = type.getMethod("builder");
                boolean takes = Modifier.isPublic(type.getModifiers()) && seed.getReturnType() == Integer.class
                        && Modifier.isStatic(builder.getModifiers())
                        && Modifier.isPublic(builder.getReturnType().getModifiers())
                        && DefaultChatRequestParameters.Builder.class.isAssignableFrom(builder.getReturnType());
                return takes ? new Seeding(seed, builder, builder.getReturnType().getMethod("seed", Integer.class))
                        : null;
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private static Integer seedOf(ChatRequestParameters p) {
        try {
            return (Integer) SEEDING.get(p.getClass()).seed().invoke(p);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the seed of " + p.getClass().getName(), e);
        }
    }

    private static DefaultChatRequestParameters.Builder<?> seededBuilder(Class<?> type, int seed) {
        Seeding seeding = SEEDING.get(type);
        try {
            Object builder = seeding.builder().invoke(null);
            seeding.setSeed().invoke(builder, seed);
            return (DefaultChatRequestParameters.Builder<?>) builder;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("cannot set the seed of " + type.getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set the seed of " + type.getName(), e);
        }
    }
}
