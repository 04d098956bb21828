package dev.liveloom.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line on stderr and exit code 1; the stack trace only with
 * {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler {
    /** Set by commands that accept {@code --verbose}. */
    static volatile boolean verbose;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        String name = cl.getCommandName();
        cl.getErr().println("liveloom " + name + ": " + message(e));
        if (verbose) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return 1;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
