package io.gitops4j.cli;

/** The {@code gitops} executable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(GitOpsCommand.commandLine().execute(args));
    }
}
