package io.gitops4j.core.engine;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the application controller keeps each application's {@link StoredState}: in memory
 * ({@link InMemoryStateStore}, the default), in a ConfigMap or Secret per application, or in the
 * Application object's own {@code .status} in controller mode. The controller keeps its own copy,
 * reads the store when an application is registered and writes it only when the state changed.
 *
 * <p><b>Concurrency.</b> Every save names the version it read; a store refuses a save whose
 * version is no longer the stored one with a {@link StateConflictException} (optimistic
 * concurrency, as a Kubernetes update with a resourceVersion). The controller then reads the
 * stored state again and saves its own status over it once more (it is the only writer of the
 * status; other writers change other parts, such as an Application's spec). Versions are opaque
 * strings: a resourceVersion, a counter.
 *
 * <p><b>Interrupted operations.</b> A loaded state whose operation is not completed (Running,
 * Terminating) was saved by a process that stopped while running it. The controller never drops
 * it silently: it starts the operation again from the beginning when it was Running and its retry
 * policy allows another attempt (the restart counts as a retry; a sync is idempotent, but hooks of
 * the interrupted attempt may run again), and otherwise completes it as Error with a message
 * saying it was interrupted, which the history and automated sync then see as a failed attempt.
 * A store therefore only has to keep the operation state as it was last saved.
 *
 * <p>Implementations are thread-safe; the controller saves one application from one thread at a
 * time, different applications from several.
 */
public interface StateStore {

    /**
     * A stored state and the version it was stored as.
     *
     * @param state the application's stored state
     * @param version the store's version of it (a ConfigMap's {@code resourceVersion}, say), to pass
     *     back to {@link #save} as the expected version
     */
    record Versioned(StoredState state, String version) {

        /**
         * Requires both fields.
         *
         * @param state the application's stored state
         * @param version the store's version of it, to pass back to {@link StateStore#save} as the
         *     expected version
         */
        public Versioned {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * What is stored for the application; empty when nothing is.
     *
     * @param appName the application's name
     * @return the stored state and its version
     */
    Optional<Versioned> load(String appName);

    /**
     * Stores the application's state if the stored version is still {@code expectedVersion}
     * (empty: nothing may be stored yet).
     *
     * @param appName the application's name
     * @param state the state to store
     * @param expectedVersion the version read before; empty when nothing was stored
     * @return the version of what was stored
     * @throws StateConflictException when the stored version is another one
     */
    String save(String appName, StoredState state, Optional<String> expectedVersion);

    /**
     * Forgets the application (it was deleted); nothing happens when nothing is stored.
     *
     * @param appName the application's name
     */
    void delete(String appName);
}
