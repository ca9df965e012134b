package dev.hydra.langchain4j.internal;

import dev.hydra.api.spi.HistoryStore;
import dev.hydra.api.spi.Retriever;
import dev.hydra.api.spi.RetrieverContext;
import dev.hydra.api.spi.RetrieverProvider;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The retriever a decorator uses when it is given only a history store: BM25 from the retriever providers on the
 * class path, without a compile-time dependency on them. Lucene's {@code bm25} where the store supports it (a
 * {@code LuceneHistoryStore}), else {@code bm25-okapi}, which works over any store. Providers are looked up through
 * the store's class loader, then this module's, never the thread's.
 */
public final class DefaultRetrievers {

    /** The providers tried, best first. */
    static final List<String> BM25 = List.of("bm25", "bm25-okapi");

    private DefaultRetrievers() {}

    /**
     * Makes a BM25 retriever over a store.
     *
     * @param store the history store; never {@code null}
     * @return the retriever
     * @throws IllegalStateException when no BM25 provider can serve the store; the message says what to add
     */
    public static Retriever bm25(HistoryStore store) {
        List<RetrieverProvider> providers = providers(store.getClass().getClassLoader(),
                DefaultRetrievers.class.getClassLoader());
        List<String> refused = new ArrayList<>();
        for (String name : BM25) {
            for (RetrieverProvider provider : providers) {
                if (!provider.name().equals(name)) {
                    continue;
                }
                try {
                    return provider.create(RetrieverContext.of(store));
                } catch (IllegalArgumentException e) {
                    refused.add(name + " (" + e.getMessage() + ")");
                }
            }
        }
        throw new IllegalStateException("no BM25 retriever for the history store " + store.getClass().getName()
                + (refused.isEmpty() ? " on the class path" : "; refused: " + refused)
                + ". Add the module dev.hydra:hydra-retrievers, or give the pipeline yourself: "
                + ".hydra(Hydra.builder().retriever(...).task(new ChatTask()))");
    }

    private static List<RetrieverProvider> providers(ClassLoader... loaders) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        List<RetrieverProvider> found = new ArrayList<>();
        for (ClassLoader loader : loaders) {
            if (loader == null) {
                continue;
            }
            for (RetrieverProvider p : ServiceLoader.load(RetrieverProvider.class, loader)) {
                if (seen.add(p.getClass())) {
                    found.add(p);
                }
            }
        }
        return found;
    }
}
