package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hydra.api.Candidate;
import dev.hydra.api.ChatTurn;
import dev.hydra.api.Generation;
import dev.hydra.api.Prompt;
import dev.hydra.api.Sampling;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScriptedLlmBackendTest {

    private static final Sampling FOUR = new Sampling(4, 1.0, 16, 0);

    private static List<String> texts(Generation generation) {
        return generation.candidates().stream().map(Candidate::text).toList();
    }

    @Test
    void should_answer_by_the_first_matching_rule() {
        // given
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
                .when("gravel", "first")
                .when("gravel roads", "second")
                .when(prompt -> prompt.turns().size() > 1, (prompt, i) -> "multi " + i)
                .build();
        // when
        Generation gravel = llm.generate(Prompt.ofUser("tyres on gravel roads"), FOUR);
        Generation multi = llm.generate(new Prompt(List.of(ChatTurn.user("gravel"), ChatTurn.assistant("a"),
                ChatTurn.user("rain"))), Sampling.greedy(8));
        // then
        assertEquals(List.of("first", "first", "first", "first"), texts(gravel));
        assertEquals(List.of("multi 0"), texts(multi));
    }

    @Test
    void should_answer_sample_i_with_the_i_th_per_sample_answer_cycling() {
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().perSample("a", "b", "c").build();
        Generation generation = llm.generate(Prompt.ofUser("anything"), FOUR);
        assertEquals(List.of("a", "b", "c", "a"), texts(generation));
        assertEquals(List.of(0, 1, 2, 3), generation.candidates().stream().map(Candidate::sampleIndex).toList());
    }

    @Test
    void should_pass_prompt_and_sample_index_to_the_fallback() {
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder()
                .when("never", "no")
                .fallback((prompt, i) -> prompt.lastUserText() + "#" + i)
                .build();
        assertEquals(List.of("q#0", "q#1", "q#2", "q#3"), texts(llm.generate(Prompt.ofUser("q"), FOUR)));
    }

    @Test
    void should_echo_the_last_user_turn_without_a_script() {
        ScriptedLlmBackend llm = ScriptedLlmBackend.builder().build();
        assertEquals(List.of("hello there"), texts(llm.generate(Prompt.ofUser("hello there"), Sampling.greedy(4))));
    }

    @Test
    void should_count_calls_and_samples_and_record_prompts() {
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("ok");
        llm.generate(Prompt.ofUser("one"), FOUR);
        llm.generate(Prompt.ofUser("two"), Sampling.greedy(4));
        assertEquals(2, llm.calls());
        assertEquals(5, llm.samples());
        assertEquals(List.of(Prompt.ofUser("one"), Prompt.ofUser("two")), llm.prompts());
        assertEquals(Prompt.ofUser("two"), llm.lastPrompt());
    }

    @Test
    void should_count_words_as_tokens() {
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("two words");
        Generation generation = llm.generate(Prompt.ofUser("three short words"), new Sampling(2, 1.0, 8, 0));
        assertEquals(6, generation.usage().inputTokens());
        assertEquals(4, generation.usage().outputTokens());
    }

    @Test
    void should_record_every_prompt_from_several_threads() {
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("ok");
        Concurrently.run(4, thread -> {
            for (int i = 0; i < 25; i++) {
                llm.generate(Prompt.ofUser(thread + ":" + i), new Sampling(2, 1.0, 8, i));
            }
            return null;
        });
        assertEquals(100, llm.calls());
        assertEquals(200, llm.samples());
        Set<String> recorded = llm.prompts().stream().map(Prompt::lastUserText).collect(Collectors.toSet());
        assertEquals(100, recorded.size());
    }

    @Test
    void should_forget_counts_and_prompts_on_reset() {
        ScriptedLlmBackend llm = ScriptedLlmBackend.answering("ok");
        llm.generate(Prompt.ofUser("one"), FOUR);
        llm.reset();
        assertEquals(0, llm.calls());
        assertEquals(0, llm.samples());
        assertEquals(List.of(), llm.prompts());
        assertThrows(IllegalStateException.class, llm::lastPrompt);
    }

    @Test
    void should_be_named_scripted_with_a_configurable_model_id() {
        assertEquals("scripted", ScriptedLlmBackend.answering("x").name());
        assertEquals("scripted-model", ScriptedLlmBackend.answering("x").modelId());
        assertEquals("m-1", ScriptedLlmBackend.builder().modelId("m-1").build().modelId());
        assertThrows(IllegalArgumentException.class, () -> ScriptedLlmBackend.builder().modelId(" "));
        assertThrows(IllegalArgumentException.class, () -> ScriptedLlmBackend.builder().perSample());
    }
}
