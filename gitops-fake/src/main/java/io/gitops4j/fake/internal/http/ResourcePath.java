package io.gitops4j.fake.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request path of the Kubernetes REST API, taken apart:
 * {@code /api/v1/namespaces/shop/configmaps/settings} or
 * {@code /apis/apps/v1/namespaces/shop/deployments/web/status}. Paths that name a group version
 * but no resource are discovery requests ({@link #isDiscovery()}).
 *
 * @param group the API group, empty for the core group
 * @param version the API version
 * @param namespace the namespace named in the path, empty when none
 * @param resource the resource (plural) name, empty for a discovery request
 * @param name the object name, empty for a collection
 * @param subresource the subresource ({@code status}), empty when none
 */
record ResourcePath(String group, String version, String namespace, String resource, String name, String subresource) {

    /** Parses a path under {@code /api} or {@code /apis}; empty when it is not one. */
    static Optional<ResourcePath> parse(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        int rest;
        String group;
        if (segments.size() >= 2 && segments.get(0).equals("api")) {
            group = "";
            rest = 1;
        } else if (segments.size() >= 3 && segments.get(0).equals("apis")) {
            group = segments.get(1);
            rest = 2;
        } else {
            return Optional.empty();
        }
        String version = segments.get(rest);
        List<String> tail = segments.subList(rest + 1, segments.size());
        String namespace = "";
        if (tail.size() >= 3 && tail.get(0).equals("namespaces") && !isNamespaceSubresource(tail.get(2))) {
            namespace = tail.get(1);
            tail = tail.subList(2, tail.size());
        }
        if (tail.size() > 3) {
            return Optional.empty();
        }
        return Optional.of(new ResourcePath(group, version, namespace, part(tail, 0), part(tail, 1), part(tail, 2)));
    }

    /** Whether the path names a group version only. */
    boolean isDiscovery() {
        return resource.isEmpty();
    }

    /** Whether the path names one object (or its subresource) rather than a collection. */
    boolean isObject() {
        return !name.isEmpty();
    }

    private static boolean isNamespaceSubresource(String segment) {
        return segment.equals("status") || segment.equals("finalize");
    }

    private static String part(List<String> tail, int index) {
        return tail.size() > index ? tail.get(index) : "";
    }
}
