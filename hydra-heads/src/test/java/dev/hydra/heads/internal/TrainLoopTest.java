package dev.hydra.heads.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The held-out split is per user and seeded. */
class TrainLoopTest {

    @Test
    void should_hold_out_the_same_share_of_every_user() {
        // given: user 0 with 20 examples, user 1 with 10, user 2 with 1
        int[] groups = new int[31];
        Arrays.fill(groups, 20, 30, 1);
        groups[30] = 2;

        // when
        int[][] split = TrainLoop.split(groups, 0.2, new Random(1));

        // then
        long[] held = new long[3];
        for (int i : split[1]) {
            held[groups[i]]++;
        }
        assertArrayEquals(new long[] {4, 2, 0}, held);
        assertEquals(31, split[0].length + split[1].length);
    }

    @Test
    void should_split_the_same_way_for_the_same_seed() {
        // given
        int[] groups = new int[50];

        // when
        int[][] a = TrainLoop.split(groups, 0.1, new Random(7));
        int[][] b = TrainLoop.split(groups, 0.1, new Random(7));
        int[][] c = TrainLoop.split(groups, 0.1, new Random(8));

        // then
        assertArrayEquals(a[1], b[1]);
        assertEquals(false, Arrays.equals(a[1], c[1]));
    }

    @Test
    void should_hold_out_whole_queries_of_each_user() {
        // given: one user with 10 queries of 3 pairs each, another with 3 queries of 2 pairs
        int[] users = new int[36];
        int[] queries = new int[36];
        for (int i = 0; i < 30; i++) {
            queries[i] = i / 3;
        }
        for (int i = 30; i < 36; i++) {
            users[i] = 1;
            queries[i] = 10 + (i - 30) / 2;
        }

        // when
        int[][] split = TrainLoop.split(users, queries, 0.2, new Random(3));

        // then: 2 of the first user's queries and 1 of the second's, each with every one of its pairs
        Map<Integer, Long> heldPerQuery = Arrays.stream(split[1]).boxed()
                .collect(java.util.stream.Collectors.groupingBy(i -> queries[i],
                        java.util.stream.Collectors.counting()));
        assertEquals(3, heldPerQuery.size(), heldPerQuery.toString());
        heldPerQuery.forEach((q, n) -> assertEquals(q < 10 ? 3L : 2L, n, "query " + q + " held out whole"));
        assertEquals(2, heldPerQuery.keySet().stream().filter(q -> q < 10).count());
        assertEquals(36, split[0].length + split[1].length);
        java.util.Set<Integer> trained = Arrays.stream(split[0]).mapToObj(i -> queries[i])
                .collect(java.util.stream.Collectors.toSet());
        heldPerQuery.keySet().forEach(q -> assertEquals(false, trained.contains(q), "query " + q + " on both sides"));
    }

    @Test
    void should_keep_each_query_in_one_batch_when_batching_by_query() {
        // given: 10 examples of 4 queries, in shuffled order
        int[] queries = {0, 1, 2, 3, 0, 1, 2, 3, 0, 1};
        int[] examples = {9, 2, 4, 7, 0, 5, 1, 3, 8, 6};

        // when
        List<int[]> byQuery = TrainLoop.batches(examples, queries, 3, true);
        List<int[]> plain = TrainLoop.batches(examples, queries, 3, false);

        // then: every query's examples share a batch, every example is in one, and batches close at 3 or more
        Map<Integer, Integer> batchOf = new HashMap<>();
        int seen = 0;
        for (int b = 0; b < byQuery.size(); b++) {
            for (int e : byQuery.get(b)) {
                Integer before = batchOf.put(queries[e], b);
                assertEquals(before == null ? b : before, b, "query " + queries[e] + " split over batches");
                seen++;
            }
        }
        assertEquals(examples.length, seen);
        assertEquals(List.of(3, 3, 3, 1), plain.stream().map(a -> a.length).toList());
        assertEquals(List.of(3, 5, 2), byQuery.stream().map(a -> a.length).toList());
    }
}
