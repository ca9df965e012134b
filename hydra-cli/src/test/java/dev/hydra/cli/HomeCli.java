package dev.hydra.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code hydra} commands in a test's home ({@code --hydra-home}), keeping what they print on stderr. */
final class HomeCli {

    private final Path home;
    private final StringWriter err = new StringWriter();

    HomeCli(Path home) {
        this.home = home;
    }

    /**
     * Runs one command line with {@code --hydra-home} appended.
     *
     * @param args the command and its options
     * @return the exit code
     */
    int run(String... args) {
        CommandLine cli = HydraCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--hydra-home";
        all[args.length + 1] = home.toString();
        return cli.execute(all);
    }

    /**
     * What every command run so far printed on stderr.
     *
     * @return the text
     */
    String err() {
        return err.toString();
    }
}
