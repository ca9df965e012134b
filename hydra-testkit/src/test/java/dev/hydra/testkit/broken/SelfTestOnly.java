package dev.hydra.testkit.broken;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a kit run against a broken implementation: it runs only when {@link KitRunner} enables it with the
 * configuration parameter {@value #KEY}, never in an ordinary test run (an IDE, a package scan).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(SelfTestOnly.Condition.class)
public @interface SelfTestOnly {

    /** The configuration parameter that enables broken kits. */
    String KEY = "hydra.testkit.selftest";

    /** Disables the marked classes unless {@value #KEY} is {@code true}. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(KEY).map(Boolean::parseBoolean).orElse(false)
                    ? ConditionEvaluationResult.enabled("kit self-test")
                    : ConditionEvaluationResult.disabled("a broken implementation, run only by KitRunner");
        }
    }
}
