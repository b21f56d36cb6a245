package io.gitops4j.core.engine.internal;

import io.gitops4j.core.notifications.Notifier;
import io.gitops4j.core.project.ProjectPolicy;
import io.gitops4j.k8s.clusters.ClusterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The application controller's settings for fleets, as its builder collected them; each is off
 * when empty.
 *
 * @param projects the AppProjects applications are judged against, read at every check (so a
 *     controller over the cluster's AppProject objects can hand out the newest); empty: no project
 *     checks
 * @param clusters where destinations are found by {@code server} or {@code name}; empty: every
 *     application goes to the one cluster the engine was given
 * @param notifier where the applications' statuses go for Argo CD Notifications; empty: none
 */
public record FleetSettings(Optional<Supplier<ProjectPolicy>> projects, Optional<ClusterRegistry> clusters,
        Optional<Notifier> notifier) {

    /** Nothing of the kind. */
    public static final FleetSettings NONE = new FleetSettings(Optional.empty(), Optional.empty(), Optional.empty());

    public FleetSettings {
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(clusters, "clusters");
        Objects.requireNonNull(notifier, "notifier");
    }
}
