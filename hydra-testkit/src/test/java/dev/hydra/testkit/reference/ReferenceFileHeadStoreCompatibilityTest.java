package dev.hydra.testkit.reference;

import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.HeadStoreCompatibilityKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The head store kit on a store of checksummed files, with corruption and persistence checks. */
class ReferenceFileHeadStoreCompatibilityTest extends HeadStoreCompatibilityKit {

    @Override
    protected HeadStore newStore(Path dir) {
        return new ReferenceFileHeadStore(dir);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected void corrupt(Path dir, UserId user, String module) throws IOException {
        Path file = ReferenceFileHeadStore.fileOf(dir, user, module);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
    }
}
