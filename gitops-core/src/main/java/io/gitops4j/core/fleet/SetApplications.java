package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.k8s.sync.SyncRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where an {@link ApplicationSetReconciler} keeps the Applications its sets generate, and who owns
 * each: the engine's registry in embedded mode ({@link OwnedApplications}), the cluster's
 * Application objects and their {@code ownerReferences} in controller mode
 * ({@link ClusterSetApplications}).
 */
interface SetApplications {

    /** The names present when a round starts, for {@link #upsert}; empty when each upsert reads its own. */
    Set<String> registeredNow();

    /**
     * Creates the owner's application when it is new, or updates it when it changed and
     * {@code allowUpdate}; never one another owner has or one made otherwise.
     *
     * @param desired what the engine runs
     * @param manifest the generated Application object, with its owner reference
     * @param registered what {@link #registeredNow} said when the round started
     */
    OwnedApplications.Result upsert(Owner owner, FleetApplication desired, ObjectNode manifest, boolean allowUpdate,
            Set<String> registered);

    /** The owner's applications, by name, sorted. */
    List<String> ownedBy(Owner owner);

    /** What the owner has under the name, if it owns it. */
    Optional<FleetApplication> registered(Owner owner, String name);

    /** Deletes an application of the owner as its finalizers say; completes once the engine let it go. */
    CompletableFuture<Void> delete(Owner owner, String name);

    /** The engine's status of the owner's application, if the engine has it. */
    Optional<ApplicationStatus> status(Owner owner, String name);

    /**
     * Asks the engine to sync the owner's application (RollingSync).
     *
     * @throws io.gitops4j.core.engine.OperationRefusedException when it cannot start now
     * @throws io.gitops4j.core.engine.UnknownApplicationException when the engine does not have it (yet)
     */
    void sync(Owner owner, String name, SyncRequest request);
}
