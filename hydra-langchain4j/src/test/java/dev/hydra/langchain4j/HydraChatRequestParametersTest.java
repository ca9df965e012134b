package dev.hydra.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hydra.api.UserId;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import org.junit.jupiter.api.Test;

class HydraChatRequestParametersTest {

    private final ChatRequestParameters defaults = DefaultChatRequestParameters.builder()
            .modelName("m").temperature(0.1).maxOutputTokens(9).build();

    @Test
    void should_keep_the_user_id_when_defaults_are_overridden_with_it() {
        // given
        HydraChatRequestParameters hydra = HydraChatRequestParameters.builder().userId("alice").temperature(0.9)
                .build();
        // when
        ChatRequestParameters merged = defaults.overrideWith(hydra);
        // then
        HydraChatRequestParameters h = assertInstanceOf(HydraChatRequestParameters.class, merged);
        assertEquals(UserId.of("alice"), h.userId().orElseThrow());
        assertEquals(0.9, h.temperature());
        assertEquals("m", h.modelName());
        assertEquals(9, h.maxOutputTokens());
    }

    @Test
    void should_keep_the_user_id_when_defaulted_by_plain_parameters() {
        // given
        HydraChatRequestParameters hydra = HydraChatRequestParameters.builder().userId("alice").build();
        // when
        ChatRequestParameters merged = hydra.defaultedBy(defaults);
        // then
        HydraChatRequestParameters h = assertInstanceOf(HydraChatRequestParameters.class, merged);
        assertEquals(UserId.of("alice"), h.userId().orElseThrow());
        assertEquals(0.1, h.temperature());
    }

    @Test
    void should_let_the_overriding_user_id_win_and_keep_ours_when_it_has_none() {
        // given
        HydraChatRequestParameters alice = HydraChatRequestParameters.builder().userId("alice").build();
        HydraChatRequestParameters bob = HydraChatRequestParameters.builder().userId("bob").build();
        HydraChatRequestParameters none = HydraChatRequestParameters.builder().temperature(0.3).build();
        // when
        ChatRequestParameters bobWins = alice.overrideWith(bob);
        ChatRequestParameters aliceKept = alice.overrideWith(none);
        ChatRequestParameters aliceDefaults = none.defaultedBy(alice);
        // then
        assertEquals(UserId.of("bob"), ((HydraChatRequestParameters) bobWins).userId().orElseThrow());
        assertEquals(UserId.of("alice"), ((HydraChatRequestParameters) aliceKept).userId().orElseThrow());
        assertEquals(0.3, aliceKept.temperature());
        assertEquals(UserId.of("alice"), ((HydraChatRequestParameters) aliceDefaults).userId().orElseThrow());
    }
}
