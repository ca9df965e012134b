package dev.hydra.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's LangChain4j section shows the consumer project's code and coordinates, character for character. */
class ReadmeSnippetTest {

    private static final Path ROOT = Path.of("..");
    private static final Path CONSUMER = Path.of("src/it/readme-consumer");

    /** The README's section "Use with LangChain4j", up to the next section. */
    private static String section() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("## Use with LangChain4j");
        assertTrue(start >= 0, "README.md has no section \"Use with LangChain4j\"");
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** The first fenced block of the given language in the text. */
    private static String block(String text, String language) {
        Matcher m = Pattern.compile("(?s)```" + language + "\n(.*?)```").matcher(text);
        assertTrue(m.find(), "no ```" + language + " block in the README's LangChain4j section");
        return m.group(1);
    }

    @Test
    void should_show_the_consumer_projects_code() throws IOException {
        // given
        String consumer = Files.readString(CONSUMER.resolve("src/main/java/Titles.java"));
        // when
        String readme = block(section(), "java");
        // then
        assertEquals(consumer, readme,
                "the README's LangChain4j code differs from " + CONSUMER + "/src/main/java/Titles.java");
    }

    @Test
    void should_show_the_consumer_projects_coordinates() throws IOException {
        // given
        String pom = Files.readString(CONSUMER.resolve("pom.xml")).replace("@project.version@", projectVersion());
        // when
        String readme = block(section(), "xml");
        // then
        for (String line : readme.strip().split("\n")) {
            assertTrue(pom.contains(line.strip()), "the consumer's pom.xml lacks the README's line " + line.strip());
        }
        for (String line : pom.split("\n")) {
            if (line.contains("<groupId>dev.hydra</groupId>")) {
                assertTrue(readme.contains(line.strip()), "the README lacks the consumer's dependency " + line.strip());
            }
        }
    }

    private static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>hydra-bom</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(ROOT.resolve("hydra-bom/pom.xml")));
        assertTrue(m.find(), "hydra-bom's version");
        return m.group(1);
    }
}
