package dev.hydra.core.llm;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where {@link CachingLlmBackend} keeps the LLM's answers, one per {@link CacheKey}: a folder of checksummed files
 * ({@link LlmResponseCache}) or a database table shared by several instances ({@code PostgresResponseCache} in
 * hydra-postgres). A damaged entry is never returned: it is a miss, and the caller asks the LLM again.
 *
 * <p>Keys carry no user id: erasing a user ({@code UserErasure}) removes the entries whose key text or answer
 * holds a text of their history, through {@link #purge}. <b>Thread-safety:</b> implementations are safe for
 * concurrent use.
 *
 * @since 0.3
 */
public interface ResponseCache {

    /**
     * Looks up one sample; counts a hit or a miss.
     *
     * @param key the sample's key; never {@code null}
     * @return the cached answer, or empty when there is none or it was damaged
     */
    Optional<String> get(CacheKey key);

    /**
     * Stores one sample, replacing any entry of the same key; a reader sees the old entry or the new one, whole.
     *
     * @param key the sample's key; never {@code null}
     * @param text the answer; never {@code null}
     */
    void put(CacheKey key, String text);

    /**
     * Deletes one sample's entry.
     *
     * @param key the sample's key; never {@code null}
     * @return whether there was an entry
     */
    boolean delete(CacheKey key);

    /**
     * Deletes every entry whose key text or answer the predicate matches, and every damaged entry; once it
     * returns, the deleted entries' bytes are gone from where the cache keeps them (what each implementation
     * leaves, as a database's write-ahead log, its documentation says).
     *
     * @param holds tests an entry's {@link CacheKey#canonical() key text} joined by a newline to its answer;
     *     never {@code null}
     * @return how many entries were deleted
     */
    int purge(Predicate<String> holds);

    /**
     * How many lookups found a valid entry.
     *
     * @return the hit count since this instance was made
     */
    long hits();

    /**
     * How many lookups found no valid entry (damaged ones included).
     *
     * @return the miss count since this instance was made
     */
    long misses();
}
