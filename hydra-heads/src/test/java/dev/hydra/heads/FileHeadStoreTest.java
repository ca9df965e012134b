package dev.hydra.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.CorruptDataException;
import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file layout, the format's failure reasons, the cache bound and forgetting. */
class FileHeadStoreTest {

    private static final UserId ALICE = UserId.of("alice");
    private static final UserId BOB = UserId.of("bob");
    private static final HeadParameters HEAD = new HeadParameters("lowrank:h=4,r=2", new float[] {1, 2, 3, -4.5f});

    @TempDir
    Path dir;

    @Test
    void should_name_the_file_by_the_sha256_of_the_user_id() {
        // given
        FileHeadStore store = new FileHeadStore(dir);

        // when
        store.save(ALICE, HeadStore.RERANKER, HEAD);

        // then
        Path expected = dir.resolve("heads/reranker/"
                + "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90.head");
        assertTrue(Files.isRegularFile(expected), "file " + expected);
        assertEquals(expected, store.path(ALICE, HeadStore.RERANKER));
    }

    @Test
    void should_refuse_a_foreign_file_naming_it() throws IOException {
        // given
        FileHeadStore store = new FileHeadStore(dir);
        store.save(ALICE, HeadStore.RERANKER, HEAD);
        Path file = store.path(ALICE, HeadStore.RERANKER);
        Files.writeString(file, "{\"json\": \"not a head\"}");

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> store.load(ALICE, HeadStore.RERANKER));

        // then
        assertEquals(file.toString(), e.location());
        assertTrue(e.getMessage().contains("not a Hydra head file"), e.getMessage());
    }

    @Test
    void should_refuse_a_flipped_byte_as_a_checksum_mismatch() throws IOException {
        // given
        FileHeadStore store = new FileHeadStore(dir);
        store.save(ALICE, HeadStore.RERANKER, HEAD);
        Path file = store.path(ALICE, HeadStore.RERANKER);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x10;
        Files.write(file, bytes);

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> new FileHeadStore(dir).load(ALICE, HeadStore.RERANKER));

        // then
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
    }

    @Test
    void should_refuse_another_users_file_put_in_place() throws IOException {
        // given
        FileHeadStore store = new FileHeadStore(dir);
        store.save(BOB, HeadStore.RERANKER, HEAD);
        Files.copy(store.path(BOB, HeadStore.RERANKER), store.path(ALICE, HeadStore.RERANKER));

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> store.load(ALICE, HeadStore.RERANKER));

        // then
        assertTrue(e.getMessage().contains("head of user bob"), e.getMessage());
    }

    @Test
    void should_refuse_an_unknown_format_version() throws IOException {
        // given
        FileHeadStore store = new FileHeadStore(dir);
        store.save(ALICE, HeadStore.RERANKER, HEAD);
        Path file = store.path(ALICE, HeadStore.RERANKER);
        byte[] bytes = Files.readAllBytes(file);
        bytes[7] = 9;
        Files.write(file, bytes);

        // when
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> new FileHeadStore(dir).load(ALICE, HeadStore.RERANKER));

        // then
        assertTrue(e.getMessage().contains("format version 9"), e.getMessage());
    }

    @Test
    void should_bound_the_cache_by_bytes() {
        // given
        FileHeadStore store = new FileHeadStore(dir, 1000);
        HeadParameters big = new HeadParameters("hydra:h=10", new float[200]);

        // when
        for (int i = 0; i < 20; i++) {
            store.save(UserId.of("user" + i), HeadStore.ADAPTER, big);
            store.load(UserId.of("user" + i), HeadStore.ADAPTER);
        }

        // then
        assertTrue(store.cachedBytes() <= 1000, "cached " + store.cachedBytes());
        assertTrue(store.cachedBytes() > 0, "the newest head is cached");
        assertEquals(Optional.of(big), store.load(UserId.of("user0"), HeadStore.ADAPTER), "evicted heads reload");
    }

    @Test
    void should_leave_nothing_of_a_forgotten_user_on_disk() throws IOException {
        // given
        FileHeadStore store = new FileHeadStore(dir);
        store.save(ALICE, HeadStore.RERANKER, HEAD);
        store.save(ALICE, HeadStore.ADAPTER, HEAD);
        store.save(BOB, HeadStore.ADAPTER, HEAD);
        Path leftover = dir.resolve("heads/adapter/" + FileHeadStore.hash(ALICE) + ".head.1234abcd.tmp");
        Files.write(leftover, new byte[] {1, 2});

        // when
        int deleted = store.forgetUser(ALICE);

        // then
        assertEquals(2, deleted);
        try (Stream<Path> files = Files.walk(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(FileHeadStore.hash(ALICE))),
                    "a file of the forgotten user remains");
        }
        assertEquals(Optional.of(HEAD), store.load(BOB, HeadStore.ADAPTER));
    }
}
