package io.gitops4j.core.engine.internal;

import io.gitops4j.k8s.sync.engine.StepPacer;

/**
 * Where a stopping controller lets its running syncs stop: between two steps of a sync (after a
 * wave was applied and before the next is looked at), never inside one. Once {@link #stop()} is
 * called, a sync's next wait for its next step ends it with {@link CutOff} instead; a wait the
 * scheduler interrupts after the grace period ends it the same way, so the sync engine does not
 * terminate it (no hook is deleted, no Failed phase is written). The operation stays Running in
 * the stored status, and the next controller that starts runs it again from its start, as Argo
 * CD's controller resumes an operation whose phase is Running. Thread-safe.
 */
final class SafePoints {

    /** Ends a sync at a safe point because the controller is stopping; never escapes the operation runner. */
    static final class CutOff extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CutOff() {
            super("the controller is stopping", null, false, false);
        }
    }

    private volatile boolean stopping;

    /** From now on every running sync ends at its next safe point. */
    void stop() {
        stopping = true;
    }

    /** {@return whether the controller is stopping} */
    boolean stopping() {
        return stopping;
    }

    /** {@code pacer}, ending the sync with {@link CutOff} at a safe point once the controller is stopping. */
    StepPacer around(StepPacer pacer) {
        return next -> {
            throwIfStopping();
            try {
                pacer.waitUntil(next);
            } catch (InterruptedException e) {
                if (stopping) {
                    Thread.currentThread().interrupt();
                    throw new CutOff();
                }
                throw e;
            }
            throwIfStopping();
        };
    }

    private void throwIfStopping() {
        if (stopping) {
            throw new CutOff();
        }
    }
}
