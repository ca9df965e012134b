package dev.hydra.app;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resources opened one by one and closed together, last opened first; a failure to close one does not keep the
 * others open, and the first failure is thrown once all were tried.
 */
final class ClosingStack implements AutoCloseable {

    private final String what;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /**
     * An empty stack.
     *
     * @param what what the resources make up, for the failure's message, e.g. {@code "the workspace"}
     */
    ClosingStack(String what) {
        this.what = what;
    }

    /**
     * Remembers a resource to close.
     *
     * @param resource the resource
     * @param <T> its type
     * @return the resource
     */
    <T extends AutoCloseable> T push(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing " + what + " failed: " + e.getMessage(), e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
