package dev.hydra.testkit;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Small multi-user corpora of realistic history items, the data every kit stores, retrieves and reranks.
 *
 * <p>{@link #small()} is fixed: four users with six items each on distinct topics (cooking, cycling,
 * programming, gardening). Every user numbers its items {@code item-01} to {@code item-06}, so item ids
 * collide across users on purpose: a store or retriever that keys items by id alone mixes users up. Two
 * items share a timestamp, so that "oldest first" needs its tie-break by id. {@link #generated} makes
 * larger corpora from a seed, for load and concurrency tests.
 *
 * @since 0.1
 */
public final class TestCorpora {

    /** A user who writes about cooking. */
    public static final UserId ALICE = UserId.of("alice");
    /** A user who writes about cycling. */
    public static final UserId BOB = UserId.of("bob");
    /** A user who writes about programming. */
    public static final UserId CAROL = UserId.of("carol");
    /** A user who writes about gardening. */
    public static final UserId DAVE = UserId.of("dave");
    /** A user who has no item in any corpus of this class. */
    public static final UserId NEWCOMER = UserId.of("newcomer");

    /**
     * User ids as applications have them, in pairs that a careless store would mix up or turn into paths: an
     * accented name, a name with a space and its first word, a path-like id and its prefix, a path traversal and
     * its target, a Windows path. Every one is a valid {@link UserId}; no two are equal.
     */
    public static final List<UserId> APPLICATION_IDS = Stream.of("Jos\u00e9", "alice smith", "alice", "user/42", "user",
            "../x", "x", "C:\\x", "\u540d\u524d").map(UserId::of).toList();

    /** The timestamp of the first item of every user; later items follow a day apart. */
    public static final Instant START = Instant.parse("2024-03-01T09:00:00Z");

    private static final Map<UserId, String[][]> TEXTS = Map.of(
            ALICE, new String[][] {
                    {"Slow roasted tomatoes with garlic and thyme make a rich pasta sauce for winter evenings.",
                            "Roasted tomato sauce"},
                    {"Sourdough starter needs daily feeding with rye flour and lukewarm water before baking bread.",
                            "Keeping a sourdough starter alive"},
                    {"A quick lentil curry with coconut milk, ginger and spinach is ready in twenty minutes.",
                            "Twenty minute lentil curry"},
                    {"Lemon drizzle cake stays moist when the syrup soaks into the warm sponge.",
                            "Moist lemon drizzle cake"},
                    {"Pickled red onions add sharp crunch to tacos, salads and grilled sandwiches.",
                            "Quick pickled onions"},
                    {"Homemade ramen broth simmers pork bones for hours until the soup turns milky.",
                            "Rich ramen broth at home"}},
            BOB, new String[][] {
                    {"Tubeless tyres resist punctures on gravel roads and allow lower pressure for grip.",
                            "Why tubeless tyres win on gravel"},
                    {"Climbing the alpine pass took three hours of steady pedalling in the lowest gear.",
                            "Three hours up the alpine pass"},
                    {"Chain wax lasts longer than wet lube and keeps the drivetrain clean in dry summers.",
                            "Waxing your chain"},
                    {"Bikepacking bags strapped to the frame carry a tent, stove and sleeping bag.",
                            "Packing light for bikepacking"},
                    {"Interval training on the indoor trainer builds threshold power during the winter.",
                            "Winter intervals indoors"},
                    {"Disc brakes stop reliably in heavy rain where rim brakes lose their bite.",
                            "Disc brakes in the rain"}},
            CAROL, new String[][] {
                    {"Java records remove boilerplate from immutable data carriers with compact constructors.",
                            "Records in Java"},
                    {"A flaky integration test often hides a race condition between two worker threads.",
                            "Hunting flaky tests"},
                    {"Gradle and Maven both resolve transitive dependencies but pin versions differently.",
                            "Pinning dependency versions"},
                    {"Profiling the service showed most latency came from synchronous database calls.",
                            "Where the latency went"},
                    {"Git bisect finds the commit that introduced a regression in a few steps.",
                            "Bisecting a regression"},
                    {"Virtual threads make blocking network code scale without reactive callbacks.",
                            "Virtual threads explained"}},
            DAVE, new String[][] {
                    {"Tomato seedlings need hardening off outdoors for a week before planting in beds.",
                            "Hardening off tomato seedlings"},
                    {"Compost heaps heat up faster with a balance of green clippings and brown leaves.",
                            "A hot compost heap"},
                    {"Raised beds drain well and warm early in spring for carrots and beetroot.",
                            "Why raised beds"},
                    {"Pruning apple trees in late winter shapes the crown and improves fruiting spurs.",
                            "Winter apple pruning"},
                    {"Slugs avoid copper tape and crushed eggshells around young lettuce plants.",
                            "Keeping slugs off lettuce"},
                    {"Rainwater barrels collect runoff from the shed roof for dry summer weeks.",
                            "Saving rainwater"}});

    private static final String[] TOPICS = {
            "harbour", "violin", "glacier", "orchard", "satellite", "lantern", "meadow", "compiler", "canyon",
            "bakery", "telescope", "marathon", "festival", "library", "volcano", "tramway", "quartet", "pottery"
    };
    private static final String[] VERBS = {"visited", "repaired", "described", "painted", "measured", "reviewed"};
    private static final String[] DETAILS = {
            "before sunrise", "with old friends", "in heavy fog", "after a long week", "for the local paper",
            "on a tight budget", "during the holidays", "with a borrowed camera"
    };

    private TestCorpora() {}

    /**
     * The fixed corpus: users {@link #ALICE}, {@link #BOB}, {@link #CAROL} and {@link #DAVE}, six items each.
     *
     * <p>Each item's input is a short article and its output the headline its user wrote. Item {@code item-03}
     * of every user carries a {@code title} attribute; {@code item-04} and {@code item-05} share a timestamp.
     *
     * @return the items, grouped by user, in an order that is neither by time nor by id
     */
    public static List<HistoryItem> small() {
        List<HistoryItem> items = new ArrayList<>();
        for (UserId user : List.of(ALICE, BOB, CAROL, DAVE)) {
            String[][] texts = TEXTS.get(user);
            int[] order = {2, 5, 0, 4, 1, 3};
            for (int i : order) {
                String id = String.format(Locale.ROOT, "item-%02d", i + 1);
                int day = i == 4 ? 3 : i;
                Map<String, String> attributes = i == 2 ? Map.of("title", texts[i][1]) : Map.of();
                items.add(new HistoryItem(id, user, texts[i][0], texts[i][1],
                        START.plus(Duration.ofDays(day)), attributes));
            }
        }
        return List.copyOf(items);
    }

    /**
     * A generated corpus: the same seed always gives the same items.
     *
     * @param seed the seed of the generator
     * @param users how many users, named {@code user-000}, {@code user-001} ...; at least 1
     * @param itemsPerUser how many items each user has; at least 1
     * @return the items, user by user
     * @throws IllegalArgumentException when a count is below 1
     */
    public static List<HistoryItem> generated(long seed, int users, int itemsPerUser) {
        if (users < 1 || itemsPerUser < 1) {
            throw new IllegalArgumentException(
                    "users and itemsPerUser must be >= 1, were " + users + " and " + itemsPerUser);
        }
        Random random = new Random(seed);
        List<HistoryItem> items = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            UserId user = UserId.of(String.format(Locale.ROOT, "user-%03d", u));
            for (int i = 0; i < itemsPerUser; i++) {
                String topic = TOPICS[random.nextInt(TOPICS.length)];
                String other = TOPICS[random.nextInt(TOPICS.length)];
                String input = "I " + VERBS[random.nextInt(VERBS.length)] + " the " + topic + " near the " + other
                        + " " + DETAILS[random.nextInt(DETAILS.length)] + " (note " + u + "." + i + ").";
                String output = "A story about the " + topic;
                items.add(new HistoryItem(String.format(Locale.ROOT, "item-%03d", i), user, input, output,
                        START.plus(Duration.ofHours(i)), Map.of()));
            }
        }
        return List.copyOf(items);
    }

    /**
     * The items of one user.
     *
     * @param corpus the corpus; never {@code null}
     * @param user the user; never {@code null}
     * @return that user's items, in corpus order
     */
    public static List<HistoryItem> itemsOf(List<HistoryItem> corpus, UserId user) {
        Objects.requireNonNull(user, "user");
        return corpus.stream().filter(item -> item.userId().equals(user)).toList();
    }

    /**
     * The users of a corpus.
     *
     * @param corpus the corpus; never {@code null}
     * @return the distinct users, sorted
     */
    public static List<UserId> users(List<HistoryItem> corpus) {
        return corpus.stream().map(HistoryItem::userId).distinct().sorted().toList();
    }

    /**
     * Three items for each of {@link #APPLICATION_IDS}, each naming its user in its texts, with the same item ids
     * for every user.
     *
     * @return the items, user by user
     */
    public static List<HistoryItem> ofApplicationIds() {
        List<HistoryItem> items = new ArrayList<>();
        for (UserId user : APPLICATION_IDS) {
            for (int i = 0; i < 3; i++) {
                items.add(new HistoryItem("item-" + i, user, "a note " + i + " by " + user.value(),
                        "signed " + user.value(), START.plus(Duration.ofDays(i)), Map.of()));
            }
        }
        return items;
    }
}
