import dev.hydra.api.UserId;
import dev.hydra.retrievers.LuceneHistoryStore;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * What ConsumerProjectIT runs: the README's {@code Titles.main}, then facts about the run, one {@code key=value} per
 * line: the delegate's calls, whether any user id reached it, the users' history sizes after {@code recordAccepted},
 * and the time from the JVM's start to the first answer printed.
 */
public final class ConsumerRun {

    private ConsumerRun() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        long[] firstAnswer = {0};
        System.setOut(new PrintStream(out, true) {
            @Override
            public void println(String line) {
                if (firstAnswer[0] == 0) {
                    firstAnswer[0] = System.currentTimeMillis();
                }
                super.println(line);
            }
        });
        Titles.main(args);
        System.setOut(out);
        String seen = YourModel.receivedText();
        out.println("delegateCalls=" + YourModel.RECEIVED.size());
        out.println("delegateSawUserId=" + (seen.contains("José") || seen.contains("alice smith")));
        try (LuceneHistoryStore history = LuceneHistoryStore.open(Path.of("hydra-history"))) {
            out.println("historyJose=" + history.count(UserId.of("José")));
            out.println("historyAlice=" + history.count(UserId.of("alice smith")));
        }
        out.println("startToFirstAnswerMs=" + (firstAnswer[0] - ManagementFactory.getRuntimeMXBean().getStartTime()));
    }
}
