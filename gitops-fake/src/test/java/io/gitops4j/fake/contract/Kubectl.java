package io.gitops4j.fake.contract;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the {@code kubectl} found on the PATH (from {@code ../shared/tools/oracles.sh --env}) against a kubeconfig. */
final class Kubectl {

    private final Path binary;
    private final Path kubeconfig;

    private Kubectl(Path binary, Path kubeconfig) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
    }

    /** The kubectl on the PATH, if there is one. */
    static Optional<Kubectl> onPath(Path kubeconfig) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Kubectl(candidate, kubeconfig));
            }
        }
        return Optional.empty();
    }

    /** What a kubectl run printed and how it exited. */
    record Result(int exitCode, String out, String err) {
    }

    /** Runs kubectl with these arguments (and the kubeconfig), waiting up to a minute. */
    Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile("kubectl", ".out");
        Path err = Files.createTempFile("kubectl", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .directory(kubeconfig.getParent().toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl " + String.join(" ", arguments) + " did not finish within a minute");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
