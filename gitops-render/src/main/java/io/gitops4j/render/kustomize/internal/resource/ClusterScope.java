package io.gitops4j.render.kustomize.internal.resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which object types are cluster-scoped, from the Kubernetes OpenAPI definitions Kustomize
 * builds with. Types it does not know (custom resources) count as namespaced, as in Kustomize.
 */
public final class ClusterScope {

    private static final Set<String> CLUSTER_SCOPED = load();

    private ClusterScope() {
    }

    /** Whether objects of this {@code apiVersion} and {@code kind} are certainly cluster-scoped. */
    public static boolean isClusterScoped(String apiVersion, String kind) {
        return CLUSTER_SCOPED.contains(apiVersion + " " + kind);
    }

    /** Whether the resource's type is certainly cluster-scoped. */
    public static boolean isClusterScoped(ResId id) {
        return isClusterScoped(id.apiVersion(), id.kind());
    }

    private static Set<String> load() {
        try (InputStream in = ClusterScope.class.getResourceAsStream("/io/gitops4j/render/kustomize/cluster-scoped-types.txt")) {
            if (in == null) {
                throw new IllegalStateException("cluster-scoped-types.txt is missing from the gitops-render jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(String::trim)
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
