package io.gitops4j.kube.internal.yaml;

/** Whose reading of scalars and merge keys to follow. Internal: not API. */
public enum Dialect {
    /** go-yaml v2 through sigs.k8s.io/yaml: YAML 1.1 booleans, keys named by their JSON form. */
    GO_YAML_V2,
    /** go-yaml v3 through kyaml: YAML 1.2 booleans, timestamps, string keys only. */
    GO_YAML_V3,
    /**
     * What both agree on, and where they differ what this reader did before it had dialects:
     * {@code yes}/{@code no}/{@code on}/{@code off} are booleans but {@code y}/{@code n} are not,
     * keys stay as written, dates stay strings; written keys win over merged ones.
     */
    COMPATIBLE;

    boolean mergesInPlace() {
        return this == GO_YAML_V2;
    }
}
