package dev.hydra.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's error as one clear line (the messages of Hydra's exceptions name the input and
 * the fix), with the stack trace only when {@code HYDRA_DEBUG} is set.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        cli.getErr().println("hydra " + cli.getCommandName() + ": " + describe(e));
        if (System.getenv("HYDRA_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return 1;
    }

    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !out.toString().contains(c.getMessage())) {
                out.append(" (caused by ").append(c.getMessage()).append(')');
            }
        }
        return out.toString();
    }
}
