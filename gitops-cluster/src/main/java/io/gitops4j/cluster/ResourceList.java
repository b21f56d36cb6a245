package io.gitops4j.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The answer to a list request: the objects, and the resourceVersion of the cluster at the time
 * of the list, from which a {@link Cluster#watch watch} sees every later change.
 *
 * @param items the objects, sorted by namespace and name
 * @param resourceVersion the list's resourceVersion
 */
public record ResourceList(List<ObjectNode> items, String resourceVersion) {

    /**
     * Copies the items.
     *
     * @param items the objects, sorted by namespace and name
     * @param resourceVersion the list's resourceVersion, empty when the server gave none
     * @throws IllegalArgumentException when {@code resourceVersion} is {@code null}
     */
    public ResourceList {
        items = List.copyOf(items);
        if (resourceVersion == null) {
            throw new IllegalArgumentException("resourceVersion must not be null (use \"\")");
        }
    }
}
