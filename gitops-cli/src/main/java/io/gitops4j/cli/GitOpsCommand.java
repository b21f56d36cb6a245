package io.gitops4j.cli;

import io.gitops4j.kube.GitOpsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code gitops} command. Failures print one line on standard error, never a
 * stack trace (set {@code GITOPS4J_STACKTRACE=1} to get one), and exit with 1; usage errors
 * exit with 2.
 */
@Command(
        name = "gitops",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "GitOps4J: Argo CD-style GitOps reconciliation from the JVM.",
        subcommands = {RenderCommand.class, DiffCommand.class, DemoCommand.class, HealthCommand.class,
                FakeClusterCommand.class, SyncCommand.class, StatusCommand.class, HistoryCommand.class,
                ControllerCommand.class, CrdsCommand.class, AppCommand.class})
public final class GitOpsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line with GitOps4J's error handling, ready to {@code execute}.
     *
     * @return a new picocli command line for {@code gitops} whose failures print one line and exit
     *         with 1 (usage errors with 2)
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new GitOpsCommand());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            if ("1".equals(System.getenv("GITOPS4J_STACKTRACE"))) {
                exception.printStackTrace(cmd.getErr());
            }
            String message = exception instanceof GitOpsException
                    ? exception.getMessage()
                    : "unexpected " + exception.getClass().getSimpleName() + ": " + exception.getMessage()
                            + " (set GITOPS4J_STACKTRACE=1 for details and please report it)";
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);   // gitops app sync: ...
            return 1;
        });
        return commandLine;
    }
}
