package dev.liveloom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The liveloom command line: {@code java -jar liveloom.jar <command> ...}. */
@Command(
        name = "liveloom",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Embeddable pure-Java live media: probe, relay, serve, encode.",
        subcommands = {
            ProbeCommand.class,
            RelayCommand.class,
            ServeCommand.class,
            DemoCommand.class,
            MpuCommand.class,
            EncodeCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Failures());
        return cl.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"liveloom " + (v == null ? "dev" : v)};
        }
    }
}
