package io.gitops4j.k8s.sync.engine;

import io.gitops4j.cluster.ClusterException;
import io.gitops4j.k8s.sync.SyncResult;
import io.gitops4j.k8s.sync.engine.internal.SyncStateMachine;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One sync, run a step at a time so that one thread can drive the syncs of many applications:
 * call {@link #step()} whenever {@link #nextStepAt()} has come, until the result
 * {@linkplain SyncResult#isCompleted() is complete}. A step never waits: it applies a wave, or
 * looks once at the health of what the last wave applied, or finds that a retry is not due yet.
 * {@link #run(StepPacer)} is the blocking way.
 *
 * <pre>{@code
 * SyncOperation sync = engine.start(comparison, request);
 * while (!sync.step().isCompleted()) {
 *     // come back at sync.nextStepAt(); drive other applications meanwhile
 * }
 * }</pre>
 *
 * <p>The operation holds its application's {@link SyncLock}: its steps renew it, and the step
 * that completes the operation releases it, however the operation ends. An operation whose lock
 * was taken over meanwhile (its steps stopped for longer than the lease duration) is terminated.
 *
 * <p>Thread-safe: steps of one operation never overlap.
 */
public final class SyncOperation {

    private final SyncStateMachine machine;
    private final SyncLock lock;

    SyncOperation(SyncStateMachine machine, SyncLock lock) {
        this.machine = machine;
        this.lock = lock;
    }

    /**
     * Takes the next step; a completed operation just returns its result.
     *
     * @return the state after the step
     */
    public synchronized SyncResult step() {
        if (!machine.isCompleted()) {
            lock.renewIfDue().ifPresent(lost -> machine.terminate("Operation terminated: " + lost));
        }
        SyncResult result = machine.step();
        if (result.isCompleted()) {
            lock.close();
        }
        return result.withWarnings(lock.warnings());
    }

    /**
     * The state now, without taking a step.
     *
     * @return the state, with the lock's warnings
     */
    public SyncResult result() {
        return machine.result().withWarnings(lock.warnings());
    }

    /**
     * When the next step has something to do (at the latest, when the lock must be renewed).
     *
     * @return the instant
     */
    public Instant nextStepAt() {
        Instant next = machine.nextStepAt();
        if (machine.isCompleted()) {
            return next;
        }
        Instant renewal = lock.renewalDeadline();
        return renewal.isBefore(next) ? renewal : next;
    }

    /**
     * Asks the operation to stop, as Argo CD's terminate: the next step deletes hooks that are
     * still running and ends the operation as Failed ("Operation terminated").
     */
    public void terminate() {
        machine.terminate();
    }

    /**
     * Steps until the operation completes, waiting between steps with {@code pacer}.
     *
     *
     * @param pacer waits between steps
     * @return the result of the completed operation
     * @throws ClusterException when the waiting thread is interrupted (the operation is
     *     terminated first)
     */
    public SyncResult run(StepPacer pacer) {
        return run(pacer, running -> { });
    }

    /**
     * As {@link #run(StepPacer)}, handing {@code progress} the state after every step that did
     * not complete the operation (what it waits for, in its message).
     *
     * @param pacer waits between steps
     * @param progress receives the state after each step
     * @return the result of the completed operation
     */
    public SyncResult run(StepPacer pacer, Consumer<SyncResult> progress) {
        SyncResult result = step();
        while (!result.isCompleted()) {
            progress.accept(result);
            try {
                pacer.waitUntil(nextStepAt());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                terminate();
                step();
                throw new ClusterException(ClusterException.UNREACHABLE, "the sync was interrupted and terminated", e);
            }
            result = step();
        }
        return result;
    }
}
