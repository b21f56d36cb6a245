package io.gitops4j.fake.internal;

import io.gitops4j.cluster.ResourceType;
import java.util.List;

/**
 * A resource type as the fake API server serves it: the type, and what discovery says about it
 * besides (singular name, short names, categories, subresources).
 *
 * @param type the type
 * @param singular the singular resource name, for example {@code deployment}
 * @param shortNames short names such as {@code deploy}
 * @param categories categories such as {@code all}
 * @param subresources served subresources such as {@code status} and {@code scale}
 */
public record ServedType(ResourceType type, String singular, List<String> shortNames, List<String> categories,
        List<String> subresources) {

    public ServedType {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        subresources = List.copyOf(subresources);
    }

    /** Whether {@code status} is a separate subresource, written only through it. */
    public boolean hasStatusSubresource() {
        return subresources.contains("status");
    }

    /** The group and kind as the store keys them: {@code apps/Deployment}, {@code /ConfigMap}. */
    public String groupKind() {
        return type.groupKind();
    }

}
