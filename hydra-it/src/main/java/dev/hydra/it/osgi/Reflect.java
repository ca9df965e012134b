package dev.hydra.it.osgi;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Calls across the host/bundle class loader boundary: the host does not share Hydra's classes with the
 * bundles, so it names methods instead of linking against them. Each call runs with the thread context class
 * loader set to the target's bundle, so that libraries inside which read it see their own bundle, not the host.
 */
public final class Reflect {

    private Reflect() {}

    /**
     * Calls a public method, chosen by name and number of arguments, on an object from a bundle.
     *
     * @param target the object
     * @param method the method's name
     * @param args the arguments
     * @return the result
     * @throws RuntimeException the exception the method threw, unwrapped
     */
    public static Object call(Object target, String method, Object... args) {
        return invoke(target.getClass(), target, method, args);
    }

    /**
     * Calls a public static method of a class from a bundle.
     *
     * @param type the class
     * @param method the method's name
     * @param args the arguments
     * @return the result
     */
    public static Object callStatic(Class<?> type, String method, Object... args) {
        return invoke(type, null, method, args);
    }

    /**
     * Creates an object of a class from a bundle with its only public constructor of that many arguments.
     *
     * @param type the class
     * @param args the arguments
     * @return the new object
     */
    public static Object create(Class<?> type, Object... args) {
        var constructor = Arrays.stream(type.getConstructors()).filter(c -> c.getParameterCount() == args.length)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no public constructor of "
                        + args.length + " arguments in " + type.getName()));
        return withTccl(type.getClassLoader(), () -> unwrap(() -> constructor.newInstance(args)));
    }

    /**
     * Runs work with the thread context class loader set to a loader, restoring it afterwards.
     *
     * @param loader the loader
     * @param work the work
     * @param <T> the result type
     * @return the work's result
     */
    public static <T> T withTccl(ClassLoader loader, Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static Object invoke(Class<?> type, Object target, String name, Object[] args) {
        Method method = find(type, target == null, name, args.length);
        return withTccl(type.getClassLoader(), () -> unwrap(() -> method.invoke(target, args)));
    }

    private static Method find(Class<?> type, boolean isStatic, String name, int arity) {
        for (Class<?> c : candidates(type)) {
            for (Method m : c.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == arity
                        && Modifier.isStatic(m.getModifiers()) == isStatic
                        && Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("no public method " + name + " of " + arity + " arguments in "
                + type.getName());
    }

    /** The type itself first when public, then its public interfaces (for services of internal classes). */
    private static Class<?>[] candidates(Class<?> type) {
        Class<?>[] interfaces = type.getInterfaces();
        Class<?>[] out = new Class<?>[interfaces.length + 1];
        out[0] = type;
        System.arraycopy(interfaces, 0, out, 1, interfaces.length);
        return out;
    }

    private static Object unwrap(Callable<Object> call) throws Exception {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
