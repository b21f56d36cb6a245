package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.fail;

import io.gitops4j.kube.GitOpsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a target on generated inputs from a seeded {@link Random}: deterministic, so a CI failure
 * reproduces with the same seed. Every input must end in a result or a {@link GitOpsException};
 * any other exception, an {@link Error} (an {@link OutOfMemoryError} or a
 * {@link StackOverflowError}) or an input that runs past the time limit fails the run, and the
 * input is written to {@code target/fuzz-failures/} to be replayed.
 *
 * <p>The same runner as gitops-diff's and gitops-render's fuzz tests (test code is not shared between modules).
 * CI runs each fuzz test's own number of tries. For a longer run:
 * {@code -Dgitops.fuzz.factor=100} multiplies every number of tries, {@code -Dgitops.fuzz.seed=N}
 * starts from another seed (CONTRIBUTING.md).
 */
final class FuzzRun {

    private static final Duration PER_INPUT = Duration.ofSeconds(20);

    private FuzzRun() {
    }

    /**
     * @param name names the failure files
     * @param tries how many inputs CI runs (times {@code gitops.fuzz.factor})
     * @param defaultSeed the seed unless {@code gitops.fuzz.seed} is set
     * @param generator makes one input from the random source
     * @param target runs one input
     */
    static <T> void run(String name, int tries, long defaultSeed, Function<Random, T> generator,
            Consumer<T> target) {
        long seed = Long.getLong("gitops.fuzz.seed", defaultSeed);
        int total = tries * Integer.getInteger("gitops.fuzz.factor", 1);
        Random random = new Random(seed);
        ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(null, runnable, "fuzz-" + name, 0);
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (int i = 0; i < total; i++) {
                T input = generator.apply(random);
                Future<?> outcome = worker.submit(() -> target.accept(input));
                try {
                    outcome.get(PER_INPUT.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    outcome.cancel(true);
                    report(name, seed, i, input, "ran past " + PER_INPUT.toSeconds() + " s", null);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof GitOpsException)) {
                        report(name, seed, i, input, "threw " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        } finally {
            worker.shutdownNow();
        }
    }

    private static void report(String name, long seed, int index, Object input, String what, Throwable cause) {
        Path file = Path.of("target", "fuzz-failures", name + "-" + seed + "-" + index + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.valueOf(input), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the message below still carries the start of the input
        }
        StringWriter trace = new StringWriter();
        if (cause != null) {
            cause.printStackTrace(new PrintWriter(trace));
        }
        String text = String.valueOf(input);
        fail(name + " input " + index + " of seed " + seed + " " + what + "; input in " + file.toAbsolutePath()
                + ", begins: " + text.substring(0, Math.min(400, text.length())) + "\n" + trace);
    }
}
