package io.gitops4j.cli;

/** The {@code gitops} executable. */
public final class Main {

    private Main() {
    }

    /**
     * Runs {@code gitops} and exits the JVM with the command's exit code (0 success, 1 failure,
     * 2 usage error).
     *
     * @param args the command line, as {@code gitops} receives it
     */
    public static void main(String[] args) {
        System.exit(GitOpsCommand.commandLine().execute(args));
    }
}
