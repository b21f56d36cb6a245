package io.gitops4j.fake.internal.controllers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the simulated controllers behave: how many ticks a pod takes to start (and a Job's pod to
 * finish), how many nodes the cluster has, and which images fail. Thread-safe.
 */
public final class ControllerSettings {

    /** What goes wrong with the containers of an image. */
    public enum ImageFailure {
        /** The image cannot be pulled: ErrImagePull, then ImagePullBackOff; the pod stays Pending. */
        PULL,
        /** The container exits with code 1: CrashLoopBackOff, or a failed pod when it does not restart. */
        CRASH
    }

    private volatile int ticksToStart = 1;
    private volatile int nodes = 1;
    private final Map<String, ImageFailure> failingImages = new ConcurrentHashMap<>();

    public int ticksToStart() {
        return ticksToStart;
    }

    public void ticksToStart(int ticks) {
        this.ticksToStart = ticks;
    }

    public int nodes() {
        return nodes;
    }

    public void nodes(int count) {
        this.nodes = count;
    }

    public void fail(String image, ImageFailure failure) {
        failingImages.put(image, failure);
    }

    public void clearFailures() {
        failingImages.clear();
    }

    /** The failure of an image, if it fails. */
    public ImageFailure failureOf(String image) {
        return failingImages.get(image);
    }
}
