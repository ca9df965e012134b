package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import dev.hydra.api.spi.Plugin;

/** The name check every kit makes. */
final class PluginNames {

    private PluginNames() {}

    /**
     * Asserts that a plugin's name follows {@link Plugin#NAME_RULE}.
     *
     * @param plugin the plugin
     * @return its name
     */
    static String assertValid(Plugin plugin) {
        String name = plugin.name();
        assertDoesNotThrow(() -> Plugin.checkName(name),
                () -> plugin.getClass().getName() + ".name() breaks the rule: " + Plugin.NAME_RULE);
        return name;
    }
}
