package io.gitops4j.core.fleet;

import io.gitops4j.k8s.health.Health;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The children of an app-of-apps parent: the Application objects its Git renders, as the fleet
 * registered them.
 *
 * @param parent the parent application
 * @param revision the commit whose children were synced last (or are being synced), empty before
 * @param children each child of that commit, and each one removed from Git and not pruned yet,
 *     sorted by wave and name
 * @param waitingFor while a sync goes wave by wave: what the next wave waits for; else empty
 * @param error why the last render's children could not be read (nothing was changed then), or empty
 * @param health the parent's health with its children's (the worst of them) when child
 *     application health is on ({@link Fleet.Builder#childApplicationHealth}), else the parent's own
 */
public record ChildApplications(String parent, String revision, List<ChildApplication> children,
        Optional<String> waitingFor, Optional<String> error, Health health) {

    /**
     * Requires every field but the revision, which becomes empty when missing, and copies the children.
     *
     * @param parent the parent application
     * @param revision the commit whose children were synced last (or are being synced), empty before
     * @param children each child of that commit, and each one removed from Git and not pruned yet, sorted
     *     by wave and name
     * @param waitingFor while a sync goes wave by wave: what the next wave waits for; else empty
     * @param error why the last render's children could not be read (nothing was changed then), or empty
     * @param health the parent's health with its children's (the worst of them) when child application
     *     health is on ({@link Fleet.Builder#childApplicationHealth}), else the parent's own
     */
    public ChildApplications {
        Objects.requireNonNull(parent, "parent");
        revision = revision == null ? "" : revision;
        children = List.copyOf(children);
        Objects.requireNonNull(waitingFor, "waitingFor");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(health, "health");
    }

    /**
     * The child of that name, if the parent has one.
     *
     * @param name the child Application's name
     * @return the child; empty when the parent has none of that name
     */
    public Optional<ChildApplication> child(String name) {
        return children.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
