package dev.hydra.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.Prompt;
import dev.hydra.api.Role;
import dev.hydra.api.UserId;
import dev.hydra.core.llm.LlmBudget;
import dev.hydra.core.training.ApplicationTrainingReport;
import dev.hydra.core.training.HydraModel;
import dev.hydra.core.training.ProgressListener;
import dev.hydra.testkit.ScriptedLlmBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on the users already in a workspace's store, within a budget, with a scripted black box. */
class ModelTrainingTest {

    @TempDir
    Path home;

    /** Answers with the first demonstration's answer, or "comedy" without demonstrations. */
    private static String copyFirstDemonstration(Prompt p, int sample) {
        List<dev.hydra.api.ChatTurn> turns = p.turns();
        return turns.size() > 1 && turns.get(1).role() == Role.ASSISTANT ? turns.get(1).text() : "comedy";
    }

    private ApplicationTrainingReport train(ScriptedLlmBackend llm, long calls) {
        try (Workspace ws = Workspace.withBackend(home, home, llm)) {
            String[] tags = {"sci-fi", "comedy", "romance", "horror"};
            String[] plots = {"robots on a spaceship", "a wedding goes wrong", "two strangers fall in love",
                    "a haunted house at night"};
            for (String name : List.of("ana", "ben", "cleo")) {
                UserId user = UserId.of(name);
                for (int i = 0; i < 6; i++) {
                    int t = (i + name.length()) % 4;
                    ws.store().add(HistoryItem.of(name + "-" + i, user, "Which tag fits: " + plots[t] + " " + i,
                            tags[t]));
                }
            }
            return new ModelTraining(ws, Pipelines.task(DemoRun.TASK), DemoRun.SETTINGS, ProgressListener.NONE)
                    .trainWithin(ws.store(), LlmBudget.ofCalls(calls), 2, "app");
        }
    }

    @Test
    void should_train_the_stores_users_within_the_budget_and_cost_nothing_when_run_again() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().fallback(ModelTrainingTest::copyFirstDemonstration)
                .build();

        // when
        ApplicationTrainingReport first = train(llm, 300);
        long samples = llm.samples();
        ApplicationTrainingReport again = train(llm, 300);

        // then 3 users x 2 queries x (4 labels + 4 answers)
        assertEquals(ApplicationTrainingReport.Outcome.TRAINED, first.outcome(), first.summary());
        assertEquals(48, first.callsUsed());
        assertEquals(samples, first.callsUsed());
        assertTrue(first.reranker().pairs() > 0, first.summary());
        assertEquals(0, again.callsUsed(), again.summary());
        assertEquals(samples, llm.samples());
        try (Workspace ws = Workspace.withBackend(home, home, llm)) {
            HydraModel model = ModelTraining.load(ws, "app");
            assertEquals(List.of("ana", "ben", "cleo"), model.manifest().get("training_users"));
        }
    }
}
