package io.gitops4j.core.project;

/**
 * One entry of a project's resource white- or blacklist: a {@code group} and {@code kind}, and
 * for the cluster lists an optional object {@code name}. Each is a pattern as Go's
 * {@code filepath.Match} reads it ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a-z]}); an empty
 * group is the core group, an empty name matches every name. No negation.
 *
 * @param group a pattern over API groups ({@code ""} is the core group, {@code "*"} any)
 * @param kind a pattern over kinds
 * @param name a pattern over object names; empty for every name (cluster lists only)
 */
public record ResourceRule(String group, String kind, String name) {

    /**
     * Turns a missing group, kind or name into the empty string.
     *
     * @param group a pattern over API groups ({@code ""} is the core group, {@code "*"} any)
     * @param kind a pattern over kinds
     * @param name a pattern over object names; empty for every name (cluster lists only)
     */
    public ResourceRule {
        group = group == null ? "" : group;
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
    }

    /**
     * A rule for every object of a group and kind.
     *
     * @param group the API group or glob; empty for the core group
     * @param kind the kind or glob
     * @return a rule for every name
     */
    public static ResourceRule of(String group, String kind) {
        return new ResourceRule(group, kind, "");
    }

    @Override
    public String toString() {
        return "group '" + group + "' kind '" + kind + "'" + (name.isEmpty() ? "" : " name '" + name + "'");
    }
}
