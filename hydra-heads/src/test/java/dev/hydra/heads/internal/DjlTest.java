package dev.hydra.heads.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** DJL entry points run with this bundle's class loader as the TCCL, and give the caller's back. */
class DjlTest {

    @Test
    void should_run_djl_with_the_modules_class_loader_and_restore_the_callers() throws Exception {
        // given: a caller whose context class loader sees nothing (as in an OSGi bundle without DJL)
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();
        try (URLClassLoader blind = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(blind);

            // when
            float sum = Djl.call(() -> {
                assertSame(Djl.class.getClassLoader(), Thread.currentThread().getContextClassLoader());
                try (NDManager m = Djl.newManager()) {
                    NDArray a = m.create(new float[] {1, 2, 3});
                    return a.sum().getFloat();
                }
            });

            // then
            assertEquals(6f, sum);
            assertSame(blind, thread.getContextClassLoader());
        } finally {
            thread.setContextClassLoader(original);
        }
    }

    @Test
    void should_restore_the_callers_class_loader_when_the_work_fails() throws Exception {
        // given
        Thread thread = Thread.currentThread();
        ClassLoader original = thread.getContextClassLoader();

        // when
        assertThrows(IllegalStateException.class, () -> Djl.call(() -> {
            throw new IllegalStateException("boom");
        }));

        // then
        assertSame(original, thread.getContextClassLoader());
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }
}
