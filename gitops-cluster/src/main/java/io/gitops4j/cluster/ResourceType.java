package io.gitops4j.cluster;

import io.gitops4j.kube.GroupVersion;
import java.util.Objects;

/**
 * A resource type a cluster serves, as API discovery describes it. A value: equal when all its
 * parts are. (A class rather than a record only so that {@link #apiVersion()} and
 * {@link #groupKind()}, asked for on every request, are computed once.)
 */
public final class ResourceType {

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final boolean namespaced;
    private final String apiVersion;
    private final String groupKind;

    /**
     * @param group the API group, empty for the core group
     * @param version the API version
     * @param kind the kind, for example {@code Deployment}
     * @param plural the resource name in URLs, for example {@code deployments}
     * @param namespaced whether objects of this type live in a namespace
     */
    public ResourceType(String group, String version, String kind, String plural, boolean namespaced) {
        if (group == null || version == null || kind == null || plural == null) {
            throw new IllegalArgumentException("resource type parts must not be null (use \"\")");
        }
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
        this.apiVersion = new GroupVersion(group, version).apiVersion();
        this.groupKind = group + "/" + kind;
    }

    /**
     * The API group, empty for the core group.
     *
     * @return the group
     */
    public String group() {
        return group;
    }

    /**
     * The API version.
     *
     * @return the version, for example {@code v1}
     */
    public String version() {
        return version;
    }

    /**
     * The kind, for example {@code Deployment}.
     *
     * @return the kind
     */
    public String kind() {
        return kind;
    }

    /**
     * The resource name in URLs, for example {@code deployments}.
     *
     * @return the plural resource name
     */
    public String plural() {
        return plural;
    }

    /**
     * Whether objects of this type live in a namespace.
     *
     * @return {@code true} for a namespaced type, {@code false} for a cluster-scoped one
     */
    public boolean namespaced() {
        return namespaced;
    }

    /**
     * The {@code apiVersion} of objects of this type.
     *
     * @return {@code group/version}, or only the version for the core group
     */
    public String apiVersion() {
        return apiVersion;
    }

    /**
     * The group and kind as {@code group/kind}: {@code apps/Deployment}, {@code /ConfigMap} for the core group.
     *
     * @return the group and kind
     */
    public String groupKind() {
        return groupKind;
    }

    /**
     * Whether this type is {@code kind} in {@code group}, in any version.
     *
     * @param otherGroup an API group, empty for the core group
     * @param otherKind a kind
     * @return whether both match
     */
    public boolean is(String otherGroup, String otherKind) {
        return group.equals(otherGroup) && kind.equals(otherKind);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResourceType that && namespaced == that.namespaced && group.equals(that.group)
                && version.equals(that.version) && kind.equals(that.kind) && plural.equals(that.plural);
    }

    @Override
    public int hashCode() {
        return Objects.hash(group, version, kind, plural, namespaced);
    }

    @Override
    public String toString() {
        return apiVersion + "/" + kind;
    }
}
