package dev.hydra.it.reliability;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.PostgresHistoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Two instances, one database (issue 20): two {@link InstanceChild} processes over one schema ingest and read
 * concurrently while the parent has them save and load heads in turn; then one is killed with SIGKILL while it
 * writes, and the other must go on acknowledging. The figures are invariants, never timings: no acknowledged batch
 * lost, no batch in part, no item of another user read, every user's revision row present exactly when the user has
 * items, and every head read equal to the other instance's last save: the read before a save comes from the
 * reader's warm cache, the read after it follows {@code PostgresHeadStore.awaitChanges} (its own token heard back,
 * and notifications arrive in commit order, so the save's too).
 */
final class TwoInstancesScenario {

    private static final String SCHEMA = "rel_two_instances";

    private TwoInstancesScenario() {}

    static Map<String, Object> run(Path home, String jdbcUrl, Sizes sizes, long seed, PrintWriter log)
            throws IOException, InterruptedException {
        Files.createDirectories(home);
        Path errLog = home.resolve("instances.log");
        ScenarioStore.dropSchema(jdbcUrl, SCHEMA);
        int rounds = sizes.crashTrials() * 5;
        Map<String, Object> out = new LinkedHashMap<>();
        try (PostgresDatabase db = PostgresDatabase.open(jdbcUrl, SCHEMA, 2);
                InstanceProcess a = InstanceProcess.start(jdbcUrl, SCHEMA, "a", seed, errLog);
                InstanceProcess b = InstanceProcess.start(jdbcUrl, SCHEMA, "b", seed, errLog)) {
            a.awaitAcks(5);
            b.awaitAcks(5);
            log.printf(Locale.ROOT, "two instances: %d head rounds while both ingest ...%n", rounds);
            Map<Integer, Long> saved = new HashMap<>();
            long stale = 0;
            long checked = 0;
            List<String> problems = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                InstanceProcess writer = r % 2 == 0 ? b : a;
                InstanceProcess reader = r % 2 == 0 ? a : b;
                int h = r % 3;
                // the reader heard every earlier save (it awaited the changes after the last): its cache is warm and right
                String before = reader.ask("read " + h + " 0");
                String expected = "HEAD " + h + " " + (saved.containsKey(h) ? saved.get(h) : "none");
                stale += check(before, expected, problems);
                long version = r + 1L;
                String ack = writer.ask("save " + h + " " + version);
                if (!ack.equals("SAVED " + version)) {
                    throw new IllegalStateException("the writer answered \"" + ack + "\" to a save");
                }
                saved.put(h, version);
                stale += check(reader.ask("read " + h + " 1"), "HEAD " + h + " " + version, problems);
                checked += 2;
            }
            int aBefore = a.acks().size();
            a.awaitAcks(aBefore + 10);
            log.printf(Locale.ROOT, "two instances: kill -9 of instance a after %,d batches ...%n", a.acks().size());
            a.kill();
            int bAtKill = b.acks().size();
            b.awaitAcks(bAtKill + 20);
            int h = 0;
            stale += check(b.ask("read " + h + " 1"), "HEAD " + h + " " + saved.get(h), problems);
            checked++;
            b.quit();
            List<String> acked = new ArrayList<>(a.acks());
            acked.addAll(b.acks());
            List<String> leaks = new ArrayList<>(a.problems());
            leaks.addAll(b.problems());
            out.put("instances", 2);
            out.put("acknowledged_batches", Map.of("a", a.acks().size(), "b", b.acks().size()));
            out.put("acknowledged_after_kill", b.acks().size() - bAtKill);
            out.put("head_rounds", rounds);
            out.put("head_reads_checked", checked);
            out.put("head_reads_stale", stale);
            out.put("cross_user_leaks", leaks.size());
            out.putAll(checkDatabase(db, acked, seed));
            problems.addAll(leaks.subList(0, Math.min(5, leaks.size())));
            out.put("problems", problems);
        }
        return out;
    }

    private static long check(String answer, String expected, List<String> problems) {
        if (answer.equals(expected)) {
            return 0;
        }
        if (problems.size() < 5) {
            problems.add("read \"" + answer + "\", expected \"" + expected + "\"");
        }
        return 1;
    }

    /**
     * Reads the database back: every acknowledged batch whole, every batch present whole or not at all, every
     * item its user's, and a revision row for exactly the users with items.
     */
    private static Map<String, Object> checkDatabase(PostgresDatabase db, List<String> acked, long seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Integer> found = new HashMap<>();
        Set<String> ids = new HashSet<>();
        long foreign = 0;
        long items = 0;
        long revisionMismatches = 0;
        try (PostgresHistoryStore store = PostgresHistoryStore.open(db, Optional.empty())) {
            for (int u = 0; u < InstanceChild.USERS; u++) {
                UserId user = InstanceChild.user(u);
                List<HistoryItem> list = store.list(user);
                for (HistoryItem item : list) {
                    items++;
                    ids.add(user.value() + " " + item.id());
                    foreign += item.userId().equals(user)
                            && item.input().equals(InstanceChild.text(seed, user, item.id()))
                                    ? 0 : 1;
                    String id = item.id();
                    String batch = id.substring(0, id.lastIndexOf('-'));
                    found.merge(user.value() + " " + batch + " " + id.substring(id.indexOf("of") + 2), 1,
                            Integer::sum);
                }
                boolean hasRevision = store.revision(user).orElse(0) > 0;
                revisionMismatches += hasRevision == !list.isEmpty() ? 0 : 1;
            }
        }
        long lost = 0;
        for (String ack : acked) {
            String[] parts = ack.split(" ");
            int size = Integer.parseInt(parts[2]);
            for (int j = 0; j < size; j++) {
                lost += ids.contains(parts[0] + " " + parts[1] + "-" + j + "of" + size) ? 0 : 1;
            }
        }
        long partial = 0;
        for (Map.Entry<String, Integer> batch : found.entrySet()) {
            String key = batch.getKey();
            partial += batch.getValue() == Integer.parseInt(key.substring(key.lastIndexOf(' ') + 1)) ? 0 : 1;
        }
        revisionMismatches += orphanRevisions(db);
        out.put("items_in_database", items);
        out.put("batches_in_database", found.size());
        out.put("lost_acknowledged", lost);
        out.put("partial_batches", partial);
        out.put("foreign_items", foreign);
        out.put("revision_mismatches", revisionMismatches);
        return out;
    }

    /** Revision rows without items and items without a revision row, over the whole schema. */
    private static long orphanRevisions(PostgresDatabase db) {
        try (Connection c = db.connection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM hydra_user_revision r WHERE NOT EXISTS "
                        + "(SELECT 1 FROM hydra_history_item i WHERE i.user_id = r.user_id)) + (SELECT count(DISTINCT "
                        + "user_id) FROM hydra_history_item i WHERE NOT EXISTS (SELECT 1 FROM hydra_user_revision r "
                        + "WHERE r.user_id = i.user_id))")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the revisions of " + db.location() + ": " + e.getMessage(), e);
        }
    }
}
