package dev.hydra.testkit.broken;

import static dev.hydra.testkit.broken.KitRunner.assertKitCatches;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.HistoryStore;
import dev.hydra.testkit.HistoryStoreCompatibilityKit;
import dev.hydra.testkit.InMemoryHistoryStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The history store kit fails each broken store on the check that its defect breaks. */
class BrokenHistoryStoresTest {

    @Test
    void should_catch_a_store_that_forgets_the_wrong_user() {
        assertKitCatches(ForgetsWrongUserTestCase.class, "should_forget_a_user", "should_keep_the_other_users",
                "should_keep_the_other_users_after_compaction", "should_forget_an_unknown_user_as_zero",
                "should_forget_only_the_named_application_id");
    }

    @Test
    void should_catch_a_store_that_keys_items_by_id_alone() {
        assertKitCatches(KeysByIdAloneTestCase.class, "should_not_get_another_users_item",
                "should_keep_same_ids_of_different_users_apart", "should_add_all", "should_list_oldest_first",
                "should_be_idempotent", "should_keep_the_other_users", "should_keep_the_other_users_after_compaction",
                "should_forget_an_unknown_user_as_zero", "should_know_nothing_of_an_unknown_user",
                "should_forget_a_user", "should_keep_concurrent_additions", "should_keep_application_ids_apart",
                "should_forget_only_the_named_application_id");
    }

    @Test
    void should_catch_a_store_that_lists_in_insertion_order() {
        assertKitCatches(InsertionOrderTestCase.class, "should_list_oldest_first", "should_add_all",
                "should_be_idempotent", "should_keep_the_other_users", "should_keep_the_other_users_after_compaction",
                "should_forget_an_unknown_user_as_zero", "should_keep_concurrent_additions");
    }

    @Test
    void should_catch_a_store_that_appends_instead_of_replacing() {
        assertKitCatches(AppendsTestCase.class, "should_replace_an_item_of_the_same_id", "should_be_idempotent");
    }

    @Test
    void should_catch_a_store_that_lists_users_unsorted() {
        assertKitCatches(UnsortedUsersTestCase.class, "should_list_users_sorted", "should_add_all",
                "should_keep_the_other_users", "should_keep_application_ids_apart",
                "should_forget_only_the_named_application_id");
    }

    @Test
    void should_catch_a_compaction_that_loses_other_users() {
        assertKitCatches(CompactionLosesAllTestCase.class, "should_keep_the_other_users_after_compaction",
                "should_forget_only_the_named_application_id");
    }

    @Test
    void should_catch_a_persistent_store_that_loses_items_on_reopening() {
        assertKitCatches(LosesItemsOnReopeningTestCase.class, "should_keep_items_after_reopening",
                "should_keep_changes_after_reopening", "should_forget_only_the_named_application_id");
    }

    /** Forgets the next user in sorted order instead of the one asked for. */
    @SelfTestOnly
    static class ForgetsWrongUserTestCase extends HistoryStoreCompatibilityKit {
        @Override
        protected HistoryStore newStore(Path dir) {
            return new ForwardingHistoryStore() {
                @Override
                public int forgetUser(UserId user) {
                    List<UserId> users = delegate.users();
                    int at = users.indexOf(user);
                    UserId victim = users.isEmpty() ? user : users.get((at + 1) % users.size());
                    return delegate.forgetUser(victim);
                }
            };
        }
    }

    /** Keys items by id alone: users whose item ids collide overwrite each other. */
    @SelfTestOnly
    static class KeysByIdAloneTestCase extends HistoryStoreCompatibilityKit {
        @Override
        protected HistoryStore newStore(Path dir) {
            return new ForwardingHistoryStore() {
                private final Map<String, HistoryItem> byId = new LinkedHashMap<>();

                @Override
                public synchronized void add(HistoryItem item) {
                    byId.put(item.id(), item);
                    delegate.add(item);
                }

                @Override
                public synchronized Optional<HistoryItem> get(UserId user, String itemId) {
                    return Optional.ofNullable(byId.get(itemId));
                }

                @Override
                public synchronized List<HistoryItem> list(UserId user) {
                    return delegate.list(user).stream().map(i -> byId.get(i.id())).toList();
                }
            };
        }
    }

    /** Lists items in the order they were added. */
    @SelfTestOnly
    static class InsertionOrderTestCase extends HistoryStoreCompatibilityKit {
        @Override
        protected HistoryStore newStore(Path dir) {
            return new ForwardingHistoryStore() {
                private final List<HistoryItem> added = new ArrayList<>();

                @Override
                public synchronized void add(HistoryItem item) {
                    added.removeIf(i -> i.userId().equals(item.userId()) && i.id().equals(item.id()));
                    added.add(item);
                    delegate.add(item);
                }

                @Override
                public synchronized List<HistoryItem> list(UserId user) {
                    return added.stream().filter(i -> i.userId().equals(user) && delegate.get(user, i.id()).isPresent())
                            .toList();
                }
            };
        }
    }

    /** Appends an item added again instead of replacing it. */
    @SelfTestOnly
    static class AppendsTestCase extends HistoryStoreCompatibilityKit {
        @Override
        protected HistoryStore newStore(Path dir) {
            return new ForwardingHistoryStore() {
                private final Map<UserId, Integer> extra = new LinkedHashMap<>();

                @Override
                public synchronized void add(HistoryItem item) {
                    if (delegate.get(item.userId(), item.id()).isPresent()) {
                        extra.merge(item.userId(), 1, Integer::sum);
                    }
                    delegate.add(item);
                }

                @Override
                public synchronized int count(UserId user) {
                    return delegate.count(user) + extra.getOrDefault(user, 0);
                }

                @Override
                public synchronized List<HistoryItem> list(UserId user) {
                    List<HistoryItem> items = new ArrayList<>(delegate.list(user));
                    for (int i = 0; i < extra.getOrDefault(user, 0); i++) {
                        items.add(items.get(0));
                    }
                    return items;
                }
            };
        }
    }

    /** Lists users newest first. */
    @SelfTestOnly
    static class UnsortedUsersTestCase extends HistoryStoreCompatibilityKit {
        @Override
        protected HistoryStore newStore(Path dir) {
            return new ForwardingHistoryStore() {
                @Override
                public List<UserId> users() {
                    List<UserId> users = new ArrayList<>(delegate.users());
                    java.util.Collections.reverse(users);
                    return users;
                }
            };
        }
    }

    /** Compaction throws every user away. */
    @SelfTestOnly
    static class CompactionLosesAllTestCase extends HistoryStoreCompatibilityKit {
        @Override
        protected HistoryStore newStore(Path dir) {
            return new ForwardingHistoryStore() {
                @Override
                public void compact() {
                    delegate.users().forEach(delegate::forgetUser);
                }
            };
        }
    }

    /** Claims to persist, but every store starts empty. */
    @SelfTestOnly
    static class LosesItemsOnReopeningTestCase extends HistoryStoreCompatibilityKit {
        @Override
        protected HistoryStore newStore(Path dir) {
            return new InMemoryHistoryStore();
        }

        @Override
        protected boolean persistent() {
            return true;
        }
    }
}
