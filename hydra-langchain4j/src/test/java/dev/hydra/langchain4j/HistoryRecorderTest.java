package dev.hydra.langchain4j;

import static dev.hydra.langchain4j.Fixtures.ALICE;
import static dev.hydra.langchain4j.Fixtures.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.UserId;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class HistoryRecorderTest {

    private final InMemoryHistoryStore store = new InMemoryHistoryStore();
    private final List<UserId> refits = new CopyOnWriteArrayList<>();

    @Test
    void should_record_items_and_ask_for_a_refit_after_every_n_items_of_a_user() {
        // given
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
        HistoryRecorder recorder = HistoryRecorder.builder().store(store).refitEvery(2, refits::add).clock(clock)
                .build();
        // when
        HistoryItem first = recorder.record(ALICE, "q1", "a1");
        recorder.record(BOB, "q1", "b1");
        recorder.record(ALICE, "q2", "a2");
        recorder.record(ALICE, "q3", "a3");
        recorder.record(ALICE, "q4", "a4");
        // then
        assertEquals(4, store.count(ALICE));
        assertEquals(first, store.get(ALICE, first.id()).orElseThrow());
        assertEquals(Instant.parse("2026-11-26T10:00:00Z"), first.timestamp());
        assertEquals(List.of(ALICE, ALICE), refits);
    }

    @Test
    void should_keep_the_item_when_the_refit_fails() {
        // given
        HistoryRecorder recorder = HistoryRecorder.builder().store(store)
                .refitEvery(1, u -> {
                    throw new IllegalStateException("trainer down");
                }).build();
        // when
        recorder.record(ALICE, "q", "a");
        // then
        assertEquals(1, store.count(ALICE));
    }

    @Test
    void should_refuse_a_refit_period_below_one_and_a_missing_store() {
        // when
        IllegalArgumentException period = assertThrows(IllegalArgumentException.class,
                () -> HistoryRecorder.builder().refitEvery(0, refits::add));
        IllegalStateException noStore = assertThrows(IllegalStateException.class,
                () -> HistoryRecorder.builder().build());
        // then
        assertTrue(period.getMessage().contains("refitEvery"));
        assertTrue(noStore.getMessage().contains("store"));
    }

    @Test
    void should_use_an_accepted_answer_in_the_next_prompt_and_record_answers_automatically() {
        // given
        ChatModel delegate = mock(ChatModel.class);
        when(delegate.chat(any(ChatRequest.class))).thenReturn(Fixtures.answer("Gravel grinders unite"));
        HistoryRecorder recorder = HistoryRecorder.builder().store(store).build();
        try (HydraChatModel model = HydraChatModel.builder().delegate(delegate)
                .hydra(Fixtures.pipeline(store, 1, 1.0)).recorder(recorder).recordAnswers(true).build()) {
            model.recordAccepted(ALICE, "title for my gravel bike review", "Gravel, glorious gravel");
            // when
            model.chat(ChatRequest.builder().messages(UserMessage.from("title for my gravel ride"))
                    .parameters(HydraChatRequestParameters.builder().userId(ALICE).build()).build());
            // then
            ArgumentCaptor<ChatRequest> sent = ArgumentCaptor.forClass(ChatRequest.class);
            org.mockito.Mockito.verify(delegate).chat(sent.capture());
            assertEquals("Gravel, glorious gravel", ((AiMessage) sent.getValue().messages().get(1)).text());
            assertEquals(2, store.count(ALICE));
            assertTrue(store.list(ALICE).stream().anyMatch(i -> i.output().equals("Gravel grinders unite")
                    && i.input().equals("title for my gravel ride")));
        }
    }

    @Test
    void should_refuse_to_record_without_a_recorder() {
        // given
        try (HydraChatModel model = HydraChatModel.builder().delegate(mock(ChatModel.class))
                .hydra(Fixtures.pipeline(store, 1, 1.0)).build()) {
            // when
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> model.recordAccepted(ALICE, "q", "a"));
            // then
            assertTrue(e.getMessage().contains("recorder"));
        }
        assertThrows(IllegalStateException.class, () -> HydraChatModel.builder().delegate(mock(ChatModel.class))
                .hydra(Fixtures.pipeline(store, 1, 1.0)).recordAnswers(true).build());
    }
}
