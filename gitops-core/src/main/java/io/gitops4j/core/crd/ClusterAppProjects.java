package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ListOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.core.project.AppProjects;
import io.gitops4j.core.project.ProjectPolicy;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AppProject objects of the controller's namespace as the engine's project policy (for
 * {@code ApplicationController.Builder.projects(Supplier)}): controller mode judges every
 * Application by the projects in the cluster, as Argo CD does. The objects are listed again at
 * most once per {@code maxAge} on the engine's clock, so a comparison costs no API call; an
 * AppProject that cannot be read blocks its applications with the reason (never judged by an
 * older version or by none); a failed list keeps the last policy read.
 */
public final class ClusterAppProjects implements Supplier<ProjectPolicy> {

    /** How long a listing is used before the projects are listed again, by default. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ClusterAppProjects.class);

    private final Cluster cluster;
    private final String namespace;
    private final Clock clock;
    private final Duration maxAge;
    private Optional<ProjectPolicy> policy = Optional.empty();
    private Instant listedAt = Instant.MIN;

    /**
     * The projects of one namespace.
     *
     * @param cluster the cluster holding the AppProject objects
     * @param namespace the controller's namespace ({@code argocd}): its projects, and its
     *     Applications may use any of them
     * @param clock the engine's clock
     * @param maxAge how long one listing is used
     */
    public ClusterAppProjects(Cluster cluster, String namespace, Clock clock, Duration maxAge) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    }

    /**
     * The policy of the projects as last listed, listing them again when the listing is older
     * than {@code maxAge}.
     *
     * @return the policy; Argo CD's default project alone when the cluster serves no AppProject
     * @throws ClusterException when the first listing fails (later failures keep the last policy)
     */
    @Override
    public synchronized ProjectPolicy get() {
        Instant now = clock.instant();
        if (policy.isPresent() && now.isBefore(listedAt.plus(maxAge))) {
            return policy.get();
        }
        try {
            policy = Optional.of(list());
            listedAt = now;
        } catch (ClusterException e) {
            if (policy.isEmpty()) {
                throw e;
            }
            LOG.warn("cannot list the AppProjects of {}: {}; the projects listed before still apply", namespace,
                    e.getMessage());
        }
        return policy.get();
    }

    private ProjectPolicy list() {
        ProjectPolicy.Builder builder = ProjectPolicy.builder(clock).controllerNamespace(namespace);
        Optional<ResourceType> type = cluster.resourceType(AppProjects.API_VERSION, "AppProject");
        if (type.isEmpty()) {
            return builder.build();
        }
        for (JsonNode object : cluster.list(type.get(), ListOptions.inNamespace(namespace))) {
            String name = KubernetesObjects.name(object);
            String where = "AppProject " + namespace + "/" + name;
            try {
                builder.project(AppProjects.readOne(Json.write(object), where));
            } catch (GitOpsException e) {
                LOG.warn("{}: {}", where, e.getMessage());
                builder.invalidProject(name, e.getMessage());
            }
        }
        return builder.build();
    }
}
