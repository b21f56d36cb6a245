package io.gitops4j.kube;

/**
 * A Kubernetes API group and version, as written in {@code apiVersion}: {@code v1} is the core
 * group (empty name), {@code apps/v1} is group {@code apps}, version {@code v1}.
 *
 * @param group the API group, empty for the core group
 * @param version the version within the group
 */
public record GroupVersion(String group, String version) {

    /**
     * Checks that both parts are given.
     *
     * @param group the API group, empty for the core group
     * @param version the version within the group
     * @throws IllegalArgumentException when a part is {@code null}
     */
    public GroupVersion {
        if (group == null || version == null) {
            throw new IllegalArgumentException("group and version must not be null");
        }
    }

    /**
     * Parses an {@code apiVersion} value such as {@code v1} or {@code apps/v1}.
     *
     * @param apiVersion {@code group/version}, or a bare version for the core group
     * @return the group (empty for the core group) and version
     */
    public static GroupVersion parse(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0
                ? new GroupVersion("", apiVersion)
                : new GroupVersion(apiVersion.substring(0, slash), apiVersion.substring(slash + 1));
    }

    /**
     * The {@code apiVersion} form: {@code v1} or {@code apps/v1}.
     *
     * @return the {@code apiVersion}
     */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    @Override
    public String toString() {
        return apiVersion();
    }
}
