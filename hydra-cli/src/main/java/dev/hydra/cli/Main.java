package dev.hydra.cli;

/**
 * The entry point of the {@code hydra} command line.
 *
 * <p>It ends the JVM with {@link System#exit(int)}: llama.cpp keeps a native thread alive after its model is
 * closed, so returning from {@code main} would not end the process.
 */
public final class Main {

    private Main() {}

    /**
     * Runs one command and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command.
     *
     * @param args the command line
     * @return the exit status: 0 on success, 1 on a failure, 2 on a usage error
     */
    public static int run(String... args) {
        return HydraCommand.commandLine().execute(args);
    }
}
