package dev.hydra.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.heads.FileHeadStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Head files (checksummed): a valid file damaged by the fuzzer is rejected or read as the head that was
 * written, never as other weights; a file of another user is rejected; any bytes the store accepts, saved
 * again, load the same.
 */
class HeadFileFuzzTest {

    private static final UserId USER = UserId.of("u1");
    private static final String MODULE = "reranker";
    private static final HeadParameters HEAD = new HeadParameters("lowrank:h=4,r=1", new float[] {1, -2, 3.5f, 0});
    private static final Path DIR = Scratch.folder("heads");
    private static final byte[] VALID = validFile();

    /**
     * One input: a mode (damage a valid file, another user's valid file, or raw bytes) and its bytes.
     *
     * @param data the fuzzer's input
     */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        FileHeadStore store = new FileHeadStore(DIR.resolve("under-test"), 0);
        Path file = store.path(USER, MODULE);
        switch (data.consumeInt(0, 2)) {
            case 0 -> {
                Scratch.write(file, Damage.apply(VALID, data));
                load(store).ifPresent(head -> WrongAccept.unlessEqual("a damaged head file", HEAD, head));
            }
            case 1 -> {
                UserId other = UserId.of("u" + data.consumeInt(2, 1000));
                Scratch.write(store.path(other, MODULE), VALID);
                load(store, other).ifPresent(head -> {
                    throw new WrongAccept("the head file of user u1 read as the head of " + other, "a rejection",
                            head);
                });
            }
            default -> {
                Scratch.write(file, data.consumeRemainingAsBytes());
                load(store).ifPresent(head -> {
                    FileHeadStore again = new FileHeadStore(DIR.resolve("again"), 0);
                    again.save(USER, MODULE, head);
                    WrongAccept.unlessEqual("an accepted head saved again", Optional.of(head),
                            again.load(USER, MODULE));
                });
            }
        }
    }

    private static Optional<HeadParameters> load(FileHeadStore store) {
        return load(store, USER);
    }

    private static Optional<HeadParameters> load(FileHeadStore store, UserId user) {
        try {
            return store.load(user, MODULE);
        } catch (RuntimeException e) {
            Rejections.requireClear(e);
            return Optional.empty();
        }
    }

    private static byte[] validFile() {
        FileHeadStore store = new FileHeadStore(DIR.resolve("valid"), 0);
        store.save(USER, MODULE, HEAD);
        try {
            return Files.readAllBytes(store.path(USER, MODULE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void replay(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }
}
