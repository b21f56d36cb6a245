package io.gitops4j.fake;

import io.gitops4j.fake.internal.controllers.ControllerManager;
import io.gitops4j.fake.internal.controllers.ControllerSettings;

/**
 * The controllers of a {@link FakeCluster}, simulated on demand: each {@link #tick()} runs one
 * pass of a scheduler and kubelets (nodes, pods that start and become Ready), and of the
 * ReplicaSet, Deployment, StatefulSet, DaemonSet and Job controllers, which create and delete
 * pods and write the status a real controller writes (observedGeneration, replica counts,
 * conditions). Nothing happens between ticks, so tests stay deterministic; deadlines
 * (a Deployment's {@code progressDeadlineSeconds}) are measured on the cluster's clock, so a
 * {@link ManualClock} moves them.
 *
 * <pre>{@code
 * cluster.controllers().failImagePull("shop/api:broken");
 * cluster.create(deployment);
 * cluster.controllers().settle();                          // pods stay in ImagePullBackOff
 * clock.advance(Duration.ofMinutes(11));
 * cluster.controllers().tick();                            // Progressing=False, ProgressDeadlineExceeded
 * }</pre>
 *
 * <p>Controllers write directly, not through {@link FakeCluster#faults() injected faults}.
 * Thread-safe.
 */
public final class SimulatedControllers {

    private final ControllerManager manager;

    SimulatedControllers(ControllerManager manager) {
        this.manager = manager;
    }

    /** Runs one pass of every controller. */
    public void tick() {
        manager.tick();
    }

    /**
     * Runs {@code count} passes.
     *
     * @param count the number of passes
     */
    public void tick(int count) {
        for (int i = 0; i < count; i++) {
            manager.tick();
        }
    }

    /**
     * Ticks until a pass changes nothing, at most 100 passes (a crash-looping pod changes its
     * restart count on every pass and never settles).
     *
     * @return the passes run, the last one included
     */
    public int settle() {
        for (int pass = 1; pass <= 100; pass++) {
            if (!manager.tick()) {
                return pass;
            }
        }
        return 100;
    }

    /**
     * How many ticks a new pod takes to run and become Ready (and a Job's pod, to then succeed); 1 by default.
     *
     * @param ticks the ticks, not negative; 0 counts as 1
     * @return these controllers, for chaining
     * @throws IllegalArgumentException when {@code ticks} is negative
     */
    public SimulatedControllers ticksToStart(int ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("ticksToStart must not be negative: " + ticks);
        }
        manager.settings().ticksToStart(ticks);
        return this;
    }

    /**
     * How many nodes the cluster has, created on the first tick when it has none; 1 by default.
     *
     * @param count the number of nodes, at least 1
     * @return these controllers, for chaining
     * @throws IllegalArgumentException when {@code count} is less than 1
     */
    public SimulatedControllers nodes(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a cluster needs at least one node, not " + count);
        }
        manager.settings().nodes(count);
        return this;
    }

    /**
     * Containers of this image cannot be pulled: ErrImagePull, then ImagePullBackOff; their pods stay Pending.
     *
     * @param image the image, exactly as the container names it
     * @return these controllers, for chaining
     */
    public SimulatedControllers failImagePull(String image) {
        manager.settings().fail(image, ControllerSettings.ImageFailure.PULL);
        return this;
    }

    /**
     * Containers of this image exit with code 1: CrashLoopBackOff when the pod restarts them, a
     * Failed pod otherwise (so a Job using it fails once its backoffLimit is exceeded).
     *
     * @param image the image, exactly as the container names it
     * @return these controllers, for chaining
     */
    public SimulatedControllers failContainers(String image) {
        manager.settings().fail(image, ControllerSettings.ImageFailure.CRASH);
        return this;
    }

    /**
     * Lets every image work again.
     *
     * @return these controllers, for chaining
     */
    public SimulatedControllers clearFailures() {
        manager.settings().clearFailures();
        return this;
    }
}
