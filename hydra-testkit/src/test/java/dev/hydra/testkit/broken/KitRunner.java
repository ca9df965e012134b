package dev.hydra.testkit.broken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs a kit class on the Jupiter engine and reports which of its checks failed. */
final class KitRunner {

    private KitRunner() {}

    /**
     * Runs a kit class and asserts that exactly the given checks failed, and that the others ran and passed.
     *
     * @param kitClass a concrete kit subclass marked {@link SelfTestOnly}
     * @param expected the names of the test methods that must fail
     */
    static void assertKitCatches(Class<?> kitClass, String... expected) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(SelfTestOnly.KEY, "true")
                .selectors(selectClass(kitClass))
                .execute();
        assertEquals(0, results.containerEvents().failed().count(),
                () -> "a container of " + kitClass.getSimpleName() + " failed: " + results.containerEvents().failed()
                        .stream().map(KitRunner::describe).toList());
        Set<String> failed = new TreeSet<>();
        results.testEvents().failed().stream().forEach(event -> failed.add(methodName(event)));
        assertEquals(new TreeSet<>(Set.of(expected)), failed,
                () -> "the checks that failed on " + kitClass.getSimpleName() + ": " + results.testEvents().failed()
                        .stream().map(KitRunner::describe).toList());
        assertTrue(results.testEvents().succeeded().count() > 0,
                () -> "no check of " + kitClass.getSimpleName() + " passed: the kit did not run");
    }

    private static String methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(MethodSource.class::isInstance)
                .map(source -> ((MethodSource) source).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static String describe(Event event) {
        String reason = event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::toString)
                .map(text -> text.length() > 300 ? text.substring(0, 300) + "..." : text)
                .orElse("?");
        return methodName(event) + ": " + reason;
    }
}
