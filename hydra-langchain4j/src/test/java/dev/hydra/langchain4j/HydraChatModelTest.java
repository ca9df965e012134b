package dev.hydra.langchain4j;

import static dev.hydra.langchain4j.Fixtures.ALICE;
import static dev.hydra.langchain4j.Fixtures.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.hydra.api.Candidate;
import dev.hydra.api.LlmException;
import dev.hydra.api.NotPersonalizedReason;
import dev.hydra.api.Query;
import dev.hydra.api.Scored;
import dev.hydra.api.UserId;
import dev.hydra.api.spi.Adapter;
import dev.hydra.core.pipeline.ScoredAnswer;
import dev.hydra.core.pipeline.Stage;
import dev.hydra.testkit.InMemoryHistoryStore;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class HydraChatModelTest {

    private static final String QUERY = "title for my post on bike brakes";

    private final ChatModel delegate = mock(ChatModel.class);
    private final InMemoryHistoryStore store = Fixtures.store();
    private HydraChatModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
    }

    private HydraChatModel model(int n, double temperature) {
        model = HydraChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, n, temperature)).build();
        return model;
    }

    private static ChatRequest forAlice(ChatMessage... messages) {
        return ChatRequest.builder().messages(messages)
                .parameters(HydraChatRequestParameters.builder().userId("alice").build()).build();
    }

    private List<ChatRequest> sent(int times) {
        ArgumentCaptor<ChatRequest> captor = ArgumentCaptor.forClass(ChatRequest.class);
        verify(delegate, times(times)).chat(captor.capture());
        return captor.getAllValues();
    }

    private HydraChatModel modelWithAdapter(int n, double temperature) {
        model = HydraChatModel.builder().delegate(delegate)
                .hydra(Fixtures.pipeline(store, n, temperature).adapter(Fixtures.firstSampleAdapter())).build();
        return model;
    }

    @Test
    void should_call_the_delegate_n_times_with_the_few_shot_turns_in_order_when_the_adapter_chooses() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("Brake it down!"));
        // when
        ChatResponse response = modelWithAdapter(3, 0.7)
                .chat(forAlice(SystemMessage.from("be brief"), UserMessage.from(QUERY)));
        // then
        assertEquals(3, ((HydraChatResponseMetadata) response.metadata()).delegateCalls());
        List<ChatRequest> requests = sent(3);
        for (ChatRequest request : requests) {
            List<ChatMessage> m = request.messages();
            assertEquals(6, m.size(), m.toString());
            assertEquals("be brief", ((SystemMessage) m.get(0)).text());
            assertEquals("title for my post on bike tyres", ((UserMessage) m.get(1)).singleText());
            assertEquals("Tyre-rific rides ahead!", ((AiMessage) m.get(2)).text());
            assertEquals("title for my post on bike chains", ((UserMessage) m.get(3)).singleText());
            assertEquals("Chain reaction: oil up!", ((AiMessage) m.get(4)).text());
            assertEquals(QUERY, ((UserMessage) m.get(5)).singleText());
            assertEquals(null, request.maxOutputTokens(), "the pipeline's token limit must not replace the caller's");
        }
        // one greedy call and the others sampled at the pipeline's temperature; they run at once, so in any order
        assertEquals(List.of(0.0, 0.7, 0.7), requests.stream().map(ChatRequest::temperature).sorted().toList());
    }

    @Test
    void should_call_the_delegate_once_with_the_callers_parameters_when_nothing_chooses() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("Brake it down!"));
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(QUERY))
                .parameters(HydraChatRequestParameters.builder().userId("alice").maxOutputTokens(500).temperature(0.0)
                        .topP(0.9).stopSequences(List.of("END")).modelName("small-model").build())
                .build();
        // when
        ChatResponse response = model(8, 1.0).chat(request);
        // then
        ChatRequest seen = sent(1).get(0);
        assertEquals(500, seen.maxOutputTokens());
        assertEquals(0.0, seen.temperature());
        assertEquals(0.9, seen.topP());
        assertEquals(List.of("END"), seen.stopSequences());
        assertEquals("small-model", seen.modelName());
        HydraChatResponseMetadata meta = (HydraChatResponseMetadata) response.metadata();
        assertEquals(1, meta.delegateCalls());
        assertTrue(meta.personalized());
        assertEquals(1, model.hydra().config().n(), "N without an adapter");
    }

    @Test
    void should_send_the_delegates_defaults_where_the_request_sets_nothing() {
        // given
        when(delegate.defaultRequestParameters()).thenReturn(DefaultChatRequestParameters.builder()
                .temperature(0.2).maxOutputTokens(1000).build());
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("ok"));
        // when
        model(8, 1.0).chat(forAlice(UserMessage.from(QUERY)));
        // then
        ChatRequest seen = sent(1).get(0);
        assertEquals(0.2, seen.temperature());
        assertEquals(1000, seen.maxOutputTokens());
    }

    @Test
    void should_keep_the_callers_parameters_and_set_only_temperature_and_seed_when_the_adapter_chooses() {
        // given
        when(delegate.provider()).thenReturn(ModelProvider.OPEN_AI);
        when(delegate.defaultRequestParameters()).thenReturn(OpenAiChatRequestParameters.builder()
                .modelName("gpt-x").maxOutputTokens(1000).temperature(0.2).build());
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("ok"));
        UserMessage tagged = UserMessage.builder().addContent(dev.langchain4j.data.message.TextContent.from(QUERY))
                .attributes(Map.of(HydraRequestsAccess.USER_ID_ATTRIBUTE, "alice")).build();
        ChatRequest request = ChatRequest.builder().messages(tagged).parameters(OpenAiChatRequestParameters.builder()
                .maxOutputTokens(500).temperature(0.0).stopSequences(List.of("END")).seed(100).user("end-user-7")
                .build()).build();
        // when
        modelWithAdapter(3, 0.7).chat(request);
        // then
        List<ChatRequest> sent = sent(3);
        java.util.Set<Integer> sampleSeeds = new java.util.TreeSet<>();
        List<Double> temperatures = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OpenAiChatRequestParameters p = assertInstanceOf(OpenAiChatRequestParameters.class,
                    sent.get(i).parameters());
            assertEquals(500, p.maxOutputTokens());
            temperatures.add(p.temperature());
            assertEquals(List.of("END"), p.stopSequences());
            assertEquals("gpt-x", p.modelName());
            assertEquals("end-user-7", p.user());
            if (p.temperature() != 0.0) {
                sampleSeeds.add(p.seed());
            }
        }
        // the greedy call and the samples run at once, so the calls come in any order
        assertEquals(List.of(0.0, 0.7, 0.7), temperatures.stream().sorted().toList(), "one greedy answer, then "
                + "samples at the sampling temperature: choosing needs different samples");
        // the samples run concurrently, so their calls come in any order
        assertEquals(java.util.Set.of(100, 101), sampleSeeds, "the caller's seed, one further per sample");
    }

    @Test
    void should_never_show_the_user_id_to_the_delegate() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("ok"));
        UserMessage tagged = UserMessage.builder().addContent(
                dev.langchain4j.data.message.TextContent.from(QUERY))
                .attributes(Map.of(HydraRequestsAccess.USER_ID_ATTRIBUTE, "alice")).build();
        // when
        modelWithAdapter(2, 1.0).chat(forAlice(tagged));
        model.chat(ChatRequest.builder().messages(UserMessage.from("hello"))
                .parameters(HydraChatRequestParameters.builder().userId("alice")
                        .toolSpecifications(ToolSpecification.builder().name("clock").build()).build())
                .build());
        // then
        for (ChatRequest request : sent(3)) {
            assertSame(DefaultChatRequestParameters.class, request.parameters().getClass());
            assertFalse(request.toString().contains("alice"), request.toString());
            request.messages().stream().filter(UserMessage.class::isInstance)
                    .forEach(u -> assertTrue(((UserMessage) u).attributes().isEmpty(), u.toString()));
        }
    }

    @Test
    void should_answer_with_the_adapters_choice_and_carry_the_evidence_in_the_metadata() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("a"), answer("b"), answer("c"));
        Adapter adapter = mock(Adapter.class);
        when(adapter.name()).thenReturn("mock");
        when(adapter.score(any(Query.class), anyList())).thenAnswer(inv -> {
            List<Candidate> candidates = inv.getArgument(1);
            return IntStream.range(0, candidates.size())
                    .mapToObj(i -> new Scored<>(candidates.get(i), i == 1 ? 0.9 : 0.1)).toList();
        });
        model = HydraChatModel.builder().delegate(delegate)
                .hydra(Fixtures.pipeline(store, 3, 1.0).adapter(adapter)).build();
        // when
        ChatResponse response = model.chat(forAlice(UserMessage.from(QUERY)));
        // then
        HydraChatResponseMetadata meta = assertInstanceOf(HydraChatResponseMetadata.class, response.metadata());
        ScoredAnswer chosen = meta.answers().stream().filter(ScoredAnswer::chosen).findFirst().orElseThrow();
        assertEquals(chosen.candidate().text(), response.aiMessage().text());
        assertEquals(0.9, chosen.score().orElseThrow());
        assertEquals(3, meta.answers().size());
        assertEquals(List.of("a1", "a2"), meta.usedItems().stream().map(u -> u.item().id()).toList());
        assertEquals(Optional.of(ALICE), meta.userId());
        assertTrue(meta.personalized());
        assertEquals(3, meta.delegateCalls());
        assertEquals(30, response.tokenUsage().inputTokenCount());
        assertEquals(6, response.tokenUsage().outputTokenCount());
        assertTrue(meta.timings().keySet().containsAll(List.of(Stage.RETRIEVE, Stage.GENERATE, Stage.ADAPT)));
        assertEquals(List.of(), meta.degradations());
    }

    @Test
    void should_report_a_failing_adapter_as_a_degradation() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("a"), answer("b"));
        Adapter adapter = mock(Adapter.class);
        when(adapter.name()).thenReturn("broken");
        when(adapter.score(any(Query.class), anyList())).thenThrow(new IllegalStateException("no head"));
        model = HydraChatModel.builder().delegate(delegate)
                .hydra(Fixtures.pipeline(store, 2, 1.0).adapter(adapter)).build();
        // when
        ChatResponse response = model.chat(forAlice(UserMessage.from(QUERY)));
        // then
        HydraChatResponseMetadata meta = (HydraChatResponseMetadata) response.metadata();
        assertEquals(1, meta.degradations().size());
        assertTrue(meta.degradations().get(0).message().contains("broken"), meta.degradations().toString());
        assertEquals(Stage.ADAPT, meta.degradations().get(0).stage());
        assertEquals("broken", meta.degradations().get(0).plugin());
        assertEquals("no head", meta.degradations().get(0).failure().orElseThrow().getMessage());
    }

    @Test
    void should_keep_the_user_id_when_the_delegates_defaults_are_provider_specific() {
        // given
        when(delegate.defaultRequestParameters())
                .thenReturn(OpenAiChatRequestParameters.builder().modelName("gpt-x").build());
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("ok"));
        // when
        ChatResponse response = model(2, 1.0).chat(forAlice(UserMessage.from(QUERY)));
        // then
        sent(1);
        assertEquals(Optional.of(ALICE), ((HydraChatResponseMetadata) response.metadata()).userId());
        assertEquals("gpt-x", response.metadata().modelName());
    }

    @Test
    void should_take_the_user_from_the_user_message_attribute_or_else_the_default() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("ok"));
        model = HydraChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 1, 1.0))
                .defaultUserId("bob").build();
        UserMessage tagged = UserMessage.builder().addContent(dev.langchain4j.data.message.TextContent.from(QUERY))
                .attributes(Map.of(HydraRequestsAccess.USER_ID_ATTRIBUTE, "alice")).build();
        // when
        ChatResponse byAttribute = model.chat(tagged);
        ChatResponse byDefault = model.chat(UserMessage.from(QUERY));
        // then
        assertEquals(Optional.of(ALICE), ((HydraChatResponseMetadata) byAttribute.metadata()).userId());
        assertEquals(Optional.of(UserId.of("bob")), ((HydraChatResponseMetadata) byDefault.metadata()).userId());
        List<ChatRequest> sent = sent(2);
        assertEquals("Tyre-rific rides ahead!", ((AiMessage) sent.get(0).messages().get(1)).text());
        assertEquals("Tyre pressure guidelines", ((AiMessage) sent.get(1).messages().get(1)).text());
    }

    @Test
    void should_pass_a_request_without_user_through_untouched() {
        // given
        ChatResponse plain = answer("plain");
        when(delegate.chat(any(ChatRequest.class))).thenReturn(plain);
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from(QUERY)).temperature(0.2).build();
        // when
        ChatResponse response = model(3, 1.0).chat(request);
        // then
        assertSame(plain.aiMessage(), response.aiMessage());
        HydraChatResponseMetadata meta = (HydraChatResponseMetadata) response.metadata();
        assertFalse(meta.personalized());
        assertEquals(Optional.of(NotPersonalizedReason.NO_USER), meta.notPersonalizedReason());
        assertEquals("no user id", meta.notPersonalizedReason().get().description());
        assertEquals(1, meta.delegateCalls());
        assertEquals(Optional.of(plain.metadata()), meta.delegateMetadata());
        assertEquals(plain.tokenUsage(), response.tokenUsage());
        assertEquals(List.of(), meta.usedItems());
        ChatRequest seen = sent(1).get(0);
        assertEquals(request.messages(), seen.messages());
        assertEquals(0.2, seen.temperature());
    }

    @Test
    void should_say_why_not_for_a_blank_message_a_non_text_message_and_a_user_without_history() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("ok"));
        ChatRequest blank = forAlice(UserMessage.from(" "));
        ChatRequest image = forAlice(UserMessage.from(dev.langchain4j.data.message.ImageContent.from(
                "https://example.invalid/cat.png")));
        ChatRequest newcomer = ChatRequest.builder().messages(UserMessage.from(QUERY))
                .parameters(HydraChatRequestParameters.builder().userId("carol").build()).build();
        // when
        HydraChatModel m = model(3, 1.0);
        List<HydraChatResponseMetadata> metas = List.of(blank, image, newcomer).stream()
                .map(r -> (HydraChatResponseMetadata) m.chat(r).metadata()).toList();
        // then
        assertEquals(List.of(NotPersonalizedReason.BLANK_MESSAGE, NotPersonalizedReason.NOT_PLAIN_TEXT,
                NotPersonalizedReason.EMPTY_HISTORY),
                metas.stream()
                        .map(meta -> meta.notPersonalizedReason().orElseThrow()).toList());
        assertTrue(metas.get(2).result().isPresent(), "the pipeline ran for the newcomer");
        assertEquals(1, metas.get(2).delegateCalls());
        sent(3);
    }

    @Test
    void should_pass_tool_and_json_requests_through_once() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("{}"));
        ChatRequest tools = ChatRequest.builder().messages(UserMessage.from(QUERY))
                .parameters(HydraChatRequestParameters.builder().userId("alice")
                        .toolSpecifications(ToolSpecification.builder().name("clock").build()).build())
                .build();
        ChatRequest json = ChatRequest.builder().messages(UserMessage.from(QUERY))
                .parameters(HydraChatRequestParameters.builder().userId("alice")
                        .responseFormat(ResponseFormat.JSON).build())
                .build();
        // when
        ChatResponse r1 = model(3, 1.0).chat(tools);
        ChatResponse r2 = model.chat(json);
        // then
        List<ChatRequest> sent = sent(2);
        assertEquals("clock", sent.get(0).toolSpecifications().get(0).name());
        assertEquals(ResponseFormat.JSON, sent.get(1).responseFormat());
        assertEquals(Optional.of(NotPersonalizedReason.TOOLS),
                ((HydraChatResponseMetadata) r1.metadata()).notPersonalizedReason());
        assertEquals(Optional.of(NotPersonalizedReason.JSON_FORMAT),
                ((HydraChatResponseMetadata) r2.metadata()).notPersonalizedReason());
        assertEquals(Optional.of(ALICE), ((HydraChatResponseMetadata) r1.metadata()).userId());
    }

    @Test
    void should_reject_an_invalid_user_id_naming_the_id_and_the_rule() {
        // given
        UserMessage tagged = UserMessage.builder().addContent(dev.langchain4j.data.message.TextContent.from(QUERY))
                .attributes(Map.of(HydraRequestsAccess.USER_ID_ATTRIBUTE, "no\nline breaks")).build();
        // when
        IllegalArgumentException fromAttribute = assertThrows(IllegalArgumentException.class,
                () -> model(1, 1.0).chat(tagged));
        IllegalArgumentException fromParameters = assertThrows(IllegalArgumentException.class,
                () -> HydraChatRequestParameters.builder().userId(" "));
        // then
        assertTrue(fromAttribute.getMessage().contains("\"no\\nline breaks\""), fromAttribute.getMessage());
        assertTrue(fromAttribute.getMessage().contains(UserId.RULE), fromAttribute.getMessage());
        assertTrue(fromAttribute.getMessage().contains("hydra.userId"), fromAttribute.getMessage());
        assertTrue(fromParameters.getMessage().contains("\" \" (blank)"), fromParameters.getMessage());
        verify(delegate, never()).chat(any(ChatRequest.class));
    }

    @Test
    void should_let_its_listeners_see_one_request_and_one_response_or_one_error() {
        // given
        ChatModelListener listener = mock(ChatModelListener.class);
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("ok"));
        model = HydraChatModel.builder().delegate(delegate).hydra(Fixtures.pipeline(store, 4, 1.0))
                .listeners(List.of(listener)).build();
        // when
        model.chat(forAlice(UserMessage.from(QUERY)));
        when(delegate.chat(any(ChatRequest.class))).thenThrow(new IllegalStateException("down"));
        assertThrows(LlmException.class, () -> model.chat(forAlice(UserMessage.from(QUERY))));
        // then
        verify(listener, times(2)).onRequest(any(ChatModelRequestContext.class));
        verify(listener, times(1)).onResponse(any(ChatModelResponseContext.class));
        verify(listener, times(1)).onError(any(ChatModelErrorContext.class));
        sent(2);
    }

    @Test
    void should_expose_the_delegates_defaults_provider_and_capabilities() {
        // given
        DefaultChatRequestParameters defaults = (DefaultChatRequestParameters) DefaultChatRequestParameters.builder()
                .modelName("m").build();
        when(delegate.defaultRequestParameters()).thenReturn(defaults);
        when(delegate.provider()).thenReturn(ModelProvider.OLLAMA);
        when(delegate.supportedCapabilities()).thenReturn(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA));
        // when
        HydraChatModel m = model(1, 1.0);
        // then
        assertSame(defaults, m.defaultRequestParameters());
        assertEquals(ModelProvider.OLLAMA, m.provider());
        assertEquals(Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA), m.supportedCapabilities());
    }

    @Test
    void should_replace_a_built_pipelines_backend_with_the_delegate() {
        // given
        when(delegate.chat(any(ChatRequest.class))).thenReturn(answer("from the delegate"));
        dev.hydra.core.pipeline.Hydra built = Fixtures.pipeline(store, 2, 1.0)
                .backend(dev.hydra.testkit.ScriptedLlmBackend.answering("from the script")).build();
        model = HydraChatModel.builder().delegate(delegate).hydra(built).build();
        // when
        ChatResponse response = model.chat(forAlice(UserMessage.from(QUERY)));
        // then
        assertEquals("from the delegate", response.aiMessage().text());
        sent(1);
    }

    @Test
    void should_fail_to_build_without_delegate_or_pipeline() {
        // when
        IllegalStateException noDelegate = assertThrows(IllegalStateException.class,
                () -> HydraChatModel.builder().hydra(Fixtures.pipeline(store, 1, 1.0)).build());
        IllegalStateException noPipeline = assertThrows(IllegalStateException.class,
                () -> HydraChatModel.builder().delegate(delegate).build());
        // then
        assertTrue(noDelegate.getMessage().contains("delegate"));
        assertTrue(noPipeline.getMessage().contains("historyStore(store)"), noPipeline.getMessage());
    }

    @Test
    void should_build_from_a_history_store_alone_or_say_which_module_gives_bm25() {
        // when
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HydraChatModel.builder().delegate(delegate).historyStore(store).build());
        // then
        assertTrue(e.getMessage().contains("dev.hydra:hydra-retrievers"), e.getMessage());
        assertTrue(e.getMessage().contains(InMemoryHistoryStore.class.getName()), e.getMessage());
    }
}
