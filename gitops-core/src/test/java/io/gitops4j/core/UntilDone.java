package io.gitops4j.core;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The wait of the tests over HTTP: watch events arrive on the HTTP client's threads, so a test runs
 * the controller's due work until what it expects is there, at most 30 s of wall time, 10 ms apart.
 */
final class UntilDone {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    private UntilDone() {
    }

    /**
     * @param step the due work, run before each look
     * @param done what the test waits for
     * @param between run after a look that found it not done (the fake cluster's controllers, say)
     * @param failure the message when 30 s passed, describing what is there instead
     */
    static void run(Runnable step, BooleanSupplier done, Runnable between, Supplier<String> failure) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            step.run();
            if (done.getAsBoolean()) {
                return;
            }
            between.run();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
