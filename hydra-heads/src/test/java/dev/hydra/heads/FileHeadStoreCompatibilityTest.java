package dev.hydra.heads;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.HeadStoreCompatibilityKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** {@link FileHeadStore} against the head store contract; damage is a truncation. */
class FileHeadStoreCompatibilityTest extends HeadStoreCompatibilityKit {

    @Override
    protected HeadStore newStore(Path dir) {
        return new FileHeadStore(dir);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected void corrupt(Path dir, UserId user, String module) throws IOException {
        Path file = FileHeadStore.fileOf(dir, user, module);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 7));
    }
}
