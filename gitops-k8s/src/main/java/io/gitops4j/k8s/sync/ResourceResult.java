package io.gitops4j.k8s.sync;

import io.gitops4j.k8s.hooks.HookType;
import io.gitops4j.kube.ResourceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a sync for one resource (one hook run, for hooks).
 *
 * @param key the resource
 * @param phase the sync phase it ran in
 * @param wave its wave within the phase
 * @param action what was done
 * @param status where it stands: {@code Pending} until the sync runs it (and for good when the
 *     sync ends before it: its action is then {@link ResourceAction#NOT_RUN}), {@code Running} while
 *     the sync waits for it to become healthy (or, for a hook, to complete), then {@code Succeeded}
 *     or {@code Failed}. Once the operation has completed, no task is Running: one it no longer
 *     waited for is {@code Succeeded} when its write was all that counted (a single-wave sync, a
 *     prune), else judged on the object as last read, and {@code Unknown} when that showed no
 *     outcome yet (a hook still running when another task failed)
 * @param message a human-readable explanation
 * @param hook the hook type when this is a hook
 */
public record ResourceResult(ResourceKey key, SyncPhase phase, int wave, ResourceAction action,
        OperationPhase status, String message, Optional<HookType> hook) {

    /**
     * Checks that every part is given; a missing message reads as empty.
     *
     * @param key the resource
     * @param phase the sync phase it ran in
     * @param wave its wave within the phase
     * @param action what was done
     * @param status where it stands: {@code Pending} until the sync runs it (and for good when the sync ends
     *     before it: its action is then {@link ResourceAction#NOT_RUN}), {@code Running} while the sync waits
     *     for it to become healthy (or, for a hook, to complete), then {@code Succeeded} or {@code Failed}.
     *     Once the operation has completed, no task is Running: one it no longer waited for is
     *     {@code Succeeded} when its write was all that counted (a single-wave sync, a prune), else judged on
     *     the object as last read, and {@code Unknown} when that showed no outcome yet (a hook still running
     *     when another task failed)
     * @param message a human-readable explanation
     * @param hook the hook type when this is a hook
     * @throws NullPointerException when a part other than the message is {@code null}
     */
    public ResourceResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        Objects.requireNonNull(hook, "hook");
    }

    /**
     * Whether this is a hook's result.
     *
     * @return whether {@code hook} is present
     */
    public boolean isHook() {
        return hook.isPresent();
    }
}
