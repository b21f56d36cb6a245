package io.gitops4j.k8s;

import io.gitops4j.diff.GroupVersion;

/**
 * A resource type a cluster serves, as API discovery describes it.
 *
 * @param group the API group, empty for the core group
 * @param version the API version
 * @param kind the kind, for example {@code Deployment}
 * @param plural the resource name in URLs, for example {@code deployments}
 * @param namespaced whether objects of this type live in a namespace
 */
public record ResourceType(String group, String version, String kind, String plural, boolean namespaced) {

    public ResourceType {
        if (group == null || version == null || kind == null || plural == null) {
            throw new IllegalArgumentException("resource type parts must not be null (use \"\")");
        }
    }

    /** The {@code apiVersion} of objects of this type. */
    public String apiVersion() {
        return new GroupVersion(group, version).apiVersion();
    }

    /** Whether this type is {@code kind} in {@code group}, in any version. */
    public boolean is(String otherGroup, String otherKind) {
        return group.equals(otherGroup) && kind.equals(otherKind);
    }

    @Override
    public String toString() {
        return apiVersion() + "/" + kind;
    }
}
