package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.UnknownApplicationException;
import io.gitops4j.k8s.sync.SyncRequest;
import io.gitops4j.core.engine.Cascade;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applications the fleet registered with the engine, each with its owner and what was
 * registered, so that a generation equal to the last one writes nothing, an application of
 * another owner (or registered by the program itself) is never taken over, and deleting one
 * follows its finalizers. Thread-safe.
 */
final class OwnedApplications implements SetApplications {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedApplications.class);

    /** What one upsert did. */
    enum Outcome {
        CREATED, UPDATED, UNCHANGED, SKIPPED
    }

    /** Why an upsert skipped, or empty. */
    record Result(Outcome outcome, String reason) {
    }

    private record Entry(Owner owner, FleetApplication registered) {
    }

    private final ApplicationController controller;
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> deleting = new HashMap<>();

    OwnedApplications(ApplicationController controller) {
        this.controller = controller;
    }

    /** The controller the applications are registered with. */
    ApplicationController controller() {
        return controller;
    }

    /** The names the engine has registered now, for {@link #upsert}. */
    @Override
    public Set<String> registeredNow() {
        return controller.statuses().keySet();
    }

    /**
     * Registers the application for its owner when it is new, or again when it changed and
     * {@code allowUpdate}; never one another owner has or the program registered itself.
     *
     * @param registered the names the engine had registered when this round started
     */
    @Override
    public Result upsert(Owner owner, FleetApplication desired, ObjectNode manifest, boolean allowUpdate,
            Set<String> registered) {
        return upsert(owner, desired, allowUpdate, registered);
    }

    synchronized Result upsert(Owner owner, FleetApplication desired, boolean allowUpdate, Set<String> registered) {
        String name = desired.name();
        CompletableFuture<Void> pending = deleting.get(name);
        if (pending != null && !pending.isDone()) {
            return new Result(Outcome.SKIPPED, "application " + name + " is still being deleted");
        }
        Entry entry = entries.get(name);
        if (entry != null && !entry.owner().equals(owner)) {
            return new Result(Outcome.SKIPPED, "application " + name + " belongs to " + entry.owner()
                    + "; it is not taken over");
        }
        boolean present = registered.contains(name);
        if (entry == null && present) {
            return new Result(Outcome.SKIPPED, "application " + name + " exists and was not created by " + owner
                    + "; it is not taken over");
        }
        if (entry != null && present && entry.registered().equals(desired)) {
            return new Result(Outcome.UNCHANGED, "");
        }
        if (entry != null && present && !allowUpdate) {
            return new Result(Outcome.SKIPPED, "application " + name + " differs from what " + owner
                    + " generates; its policy does not update");
        }
        controller.register(desired.application());
        entries.put(name, new Entry(owner, desired));
        return new Result(entry != null && present ? Outcome.UPDATED : Outcome.CREATED, "");
    }

    /** The owner's applications, by name. */
    @Override
    public synchronized List<String> ownedBy(Owner owner) {
        List<String> names = new ArrayList<>();
        entries.forEach((name, entry) -> {
            if (entry.owner().equals(owner)) {
                names.add(name);
            }
        });
        names.sort(null);
        return names;
    }

    /** What the owner registered under the name, if it did. */
    @Override
    public synchronized Optional<FleetApplication> registered(Owner owner, String name) {
        return Optional.ofNullable(entries.get(name)).filter(e -> e.owner().equals(owner)).map(Entry::registered);
    }

    /** Forgets that the owner has the application, which stays registered (an orphan, as with {@code --cascade=orphan}). */
    synchronized void release(Owner owner, String name) {
        Entry entry = entries.get(name);
        if (entry != null && entry.owner().equals(owner)) {
            entries.remove(name);
        }
    }

    /**
     * Deletes an application of the owner as its finalizers say (its resources first, or kept);
     * the future completes once it is gone.
     */
    @Override
    public synchronized CompletableFuture<Void> delete(Owner owner, String name) {
        Entry entry = entries.get(name);
        if (entry == null || !entry.owner().equals(owner)) {
            return CompletableFuture.completedFuture(null);
        }
        entries.remove(name);
        Cascade cascade = entry.registered().cascade();
        LOG.info("{}: deleting application {} ({})", owner, name,
                cascade == Cascade.NONE ? "its resources are kept" : "with its resources, " + cascade.finalizer());
        CompletableFuture<Void> done;
        try {
            done = controller.delete(name, cascade);
        } catch (UnknownApplicationException e) {
            return CompletableFuture.completedFuture(null);
        }
        deleting.put(name, done);
        done.whenComplete((ok, error) -> forgetDeletion(name, done));
        return done;
    }

    @Override
    public Optional<ApplicationStatus> status(Owner owner, String name) {
        try {
            return Optional.of(controller.status(name));
        } catch (UnknownApplicationException e) {
            return Optional.empty();
        }
    }

    @Override
    public void sync(Owner owner, String name, SyncRequest request) {
        controller.sync(name, request);
    }

    private synchronized void forgetDeletion(String name, CompletableFuture<Void> done) {
        deleting.remove(name, done);
    }
}
