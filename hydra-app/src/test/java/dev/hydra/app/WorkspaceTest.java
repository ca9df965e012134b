package dev.hydra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.hydra.api.spi.LlmBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace's ownership of what it opens. */
class WorkspaceTest {

    @TempDir
    Path home;

    @Test
    void should_leave_a_given_backend_open_when_it_closes() throws Exception {
        // given: a caller's backend that is closeable, used by two workspaces in turn (as hydra eval does per task)
        LlmBackend llm = mock(LlmBackend.class, withSettings().extraInterfaces(AutoCloseable.class));
        when(llm.name()).thenReturn("mock");
        when(llm.modelId()).thenReturn("m");

        // when
        try (Workspace first = Workspace.withBackend(home, home.resolve("a"), llm)) {
            first.backend();
        }
        try (Workspace second = Workspace.withBackend(home, home.resolve("b"), llm)) {
            assertEquals("mock:m", second.llm());
        }

        // then: the caller keeps ownership
        verify((AutoCloseable) llm, never()).close();
    }
}
