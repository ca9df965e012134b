package dev.hydra.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;

/**
 * The check every kit of a two-part SPI makes: the plugin implements the {@code do*} method and leaves the public
 * default method, which checks the arguments and the result, to the SPI.
 */
final class CheckedEntryPoints {

    private CheckedEntryPoints() {}

    /**
     * Asserts that a plugin does not override an SPI's checking default method.
     *
     * @param plugin the plugin under test
     * @param spi the SPI interface that declares the method
     * @param method the method's name, e.g. {@code "retrieve"}
     * @param parameters its parameter types
     */
    static void assertLeftToTheSpi(Object plugin, Class<?> spi, String method, Class<?>... parameters) {
        Method found;
        try {
            found = plugin.getClass().getMethod(method, parameters);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(spi.getSimpleName() + "." + method + " not found on " + plugin.getClass(), e);
        }
        if (!found.isDefault() && found.getDeclaringClass() != spi) {
            String name = "do" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
            fail(plugin.getClass().getName() + " overrides " + spi.getSimpleName() + "." + method + ", which checks "
                    + "the arguments and the result for it; implement " + name + " instead and leave " + method
                    + " to the SPI");
        }
        assertEquals(spi, found.getDeclaringClass());
    }
}
