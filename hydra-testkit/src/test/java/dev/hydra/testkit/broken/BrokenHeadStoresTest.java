package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.HeadParameters;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HeadStore;
import dev.hydra.testkit.HeadStoreCompatibilityKit;
import dev.hydra.testkit.InMemoryHeadStore;
import dev.hydra.testkit.reference.ReferenceFileHeadStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The head store kit fails each broken store on the check that its defect breaks. */
class BrokenHeadStoresTest {

    @Test
    void should_catch_a_store_that_returns_damaged_data_silently() {
        assertKitCatches(SilentCorruptionTestCase.class, "should_detect_a_damaged_entry");
    }

    @Test
    void should_catch_a_store_that_forgets_every_user() {
        assertKitCatches(ForgetsEveryoneTestCase.class, "should_forget_only_that_user",
                "should_keep_application_ids_apart");
    }

    @Test
    void should_catch_a_store_that_accepts_any_module_name() {
        assertKitCatches(AcceptsAnyModuleTestCase.class, "should_reject_an_invalid_module");
    }

    @Test
    void should_catch_a_store_that_lists_users_unsorted() {
        assertKitCatches(UnsortedUsersTestCase.class, "should_list_users_sorted");
    }

    @Test
    void should_catch_a_store_that_truncates_large_heads() {
        assertKitCatches(TruncatesTestCase.class, "should_round_trip_exactly");
    }

    @Test
    void should_catch_a_store_that_folds_the_case_of_user_ids() {
        assertKitCatches(FoldsCaseTestCase.class, "should_keep_users_apart", "should_list_users_sorted");
    }

    @Test
    void should_catch_a_store_whose_delete_always_says_yes() {
        assertKitCatches(DeleteAlwaysTrueTestCase.class, "should_delete");
    }

    @Test
    void should_catch_a_store_that_names_files_after_raw_user_ids() {
        assertKitCatches(RawIdFilesTestCase.class, "should_not_use_raw_ids_in_paths");
    }

    /** Skips its checksum: a flipped byte comes back as a different value. */
    @SelfTestOnly
    static class SilentCorruptionTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            return new ReferenceFileHeadStore(dir, false);
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

    /** A head store that forwards to the in-memory one, for broken stores to override. */
    static class Forwarding implements HeadStore {
        final InMemoryHeadStore delegate = new InMemoryHeadStore();

        @Override
        public String name() {
            return "broken";
        }

        @Override
        public Optional<HeadParameters> load(UserId user, String module) {
            return delegate.load(user, module);
        }

        @Override
        public void save(UserId user, String module, HeadParameters head) {
            delegate.save(user, module, head);
        }

        @Override
        public boolean delete(UserId user, String module) {
            return delegate.delete(user, module);
        }

        @Override
        public List<UserId> users(String module) {
            return delegate.users(module);
        }

        @Override
        public int forgetUser(UserId user) {
            return delegate.forgetUser(user);
        }
    }

    @SelfTestOnly
    static class ForgetsEveryoneTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            return new Forwarding() {
                @Override
                public int forgetUser(UserId user) {
                    int removed = 0;
                    for (String module : List.of(RERANKER, ADAPTER)) {
                        for (UserId any : delegate.users(module)) {
                            if (delegate.delete(any, module) && any.equals(user)) {
                                removed++;
                            }
                        }
                    }
                    return removed;
                }
            };
        }
    }

    /** Keeps heads in a map by any module string. */
    @SelfTestOnly
    static class AcceptsAnyModuleTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            Map<String, InMemoryHeadStore> byModule = new ConcurrentHashMap<>();
            return new Forwarding() {
                private InMemoryHeadStore of(String module) {
                    return byModule.computeIfAbsent(module, m -> new InMemoryHeadStore());
                }

                @Override
                public Optional<HeadParameters> load(UserId user, String module) {
                    return of(module).load(user, "m");
                }

                @Override
                public void save(UserId user, String module, HeadParameters head) {
                    of(module).save(user, "m", head);
                }

                @Override
                public boolean delete(UserId user, String module) {
                    return of(module).delete(user, "m");
                }

                @Override
                public List<UserId> users(String module) {
                    return of(module).users("m");
                }

                @Override
                public int forgetUser(UserId user) {
                    return byModule.values().stream().mapToInt(s -> s.forgetUser(user)).sum();
                }
            };
        }
    }

    @SelfTestOnly
    static class UnsortedUsersTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            return new Forwarding() {
                @Override
                public List<UserId> users(String module) {
                    List<UserId> users = new ArrayList<>(delegate.users(module));
                    java.util.Collections.reverse(users);
                    return users;
                }
            };
        }
    }

    /** Keeps at most 1024 values, as a store with a fixed record size would. */
    @SelfTestOnly
    static class TruncatesTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            return new Forwarding() {
                @Override
                public void save(UserId user, String module, HeadParameters head) {
                    float[] values = java.util.Arrays.copyOf(head.values(), Math.min(head.size(), 1024));
                    delegate.save(user, module, new HeadParameters(head.kind(), values));
                }
            };
        }
    }

    /** Lower-cases user ids, as a store on a case-insensitive file system would without encoding them. */
    @SelfTestOnly
    static class FoldsCaseTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            return new Forwarding() {
                private UserId fold(UserId user) {
                    return UserId.of(user.value().toLowerCase(java.util.Locale.ROOT));
                }

                @Override
                public Optional<HeadParameters> load(UserId user, String module) {
                    return delegate.load(fold(user), module);
                }

                @Override
                public void save(UserId user, String module, HeadParameters head) {
                    delegate.save(fold(user), module, head);
                }

                @Override
                public boolean delete(UserId user, String module) {
                    return delegate.delete(fold(user), module);
                }

                @Override
                public int forgetUser(UserId user) {
                    return delegate.forgetUser(fold(user));
                }
            };
        }
    }

    /** Keeps a file named after the raw id beside each head, as a store that never hashed ids would. */
    @SelfTestOnly
    static class RawIdFilesTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            return new Forwarding() {
                @Override
                public void save(UserId user, String module, HeadParameters head) {
                    delegate.save(user, module, head);
                    Path file = dir.resolve(module).resolve(user.value() + ".head").normalize();
                    try {
                        Files.createDirectories(file.getParent());
                        Files.write(file, new byte[] {1});
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            };
        }
    }

    @SelfTestOnly
    static class DeleteAlwaysTrueTestCase extends HeadStoreCompatibilityKit {
        @Override
        protected HeadStore newStore(Path dir) {
            return new Forwarding() {
                @Override
                public boolean delete(UserId user, String module) {
                    delegate.delete(user, module);
                    return true;
                }
            };
        }
    }
}
