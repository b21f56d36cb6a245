package io.gitops4j.core.project;

import java.util.Objects;

/**
 * What a project says about a sync: permitted, or blocked by one named rule. A blocked verdict
 * carries the project, the rule ({@code sourceRepos[2] '!https://github.com/legacy/*'},
 * {@code syncWindows[0] deny '0 22 * * *' for 8h}) and a one-line message in Argo CD's words,
 * which the engine puts into the application's condition of type {@link #conditionType()}; it
 * then applies nothing and prunes nothing.
 *
 * @param permitted whether the sync may go ahead
 * @param project the project that decided
 * @param reason which kind of rule decided; {@link Reason#PERMITTED} when permitted
 * @param rule the entry that blocked, as the project spells it; empty when permitted
 * @param message the condition message; empty when permitted
 */
public record PolicyVerdict(boolean permitted, String project, Reason reason, String rule, String message) {

    /** Which kind of rule decided a verdict. */
    public enum Reason {
        /** Nothing blocks the sync. */
        PERMITTED("", ""),
        /** The application names a project that does not exist. */
        PROJECT_NOT_FOUND("InvalidSpecError", "project"),
        /** The project is there but could not be read. */
        PROJECT_INVALID("InvalidSpecError", "project"),
        /** The Application object's namespace may not use the project ({@code sourceNamespaces}). */
        SOURCE_NAMESPACE("InvalidSpecError", "sourceNamespaces"),
        /** The repository is not permitted ({@code sourceRepos}). */
        SOURCE_REPO("InvalidSpecError", "sourceRepos"),
        /** The destination is not permitted ({@code destinations}). */
        DESTINATION("InvalidSpecError", "destinations"),
        /** A resource's group and kind are not permitted (the resource white- and blacklists). */
        RESOURCE_KIND("SyncError", "resources"),
        /** A namespaced resource goes to a namespace the destinations do not permit. */
        RESOURCE_NAMESPACE("SyncError", "destinations"),
        /** A sync window blocks the sync now. */
        SYNC_WINDOW("SyncError", "syncWindows");

        private final String conditionType;
        private final String field;

        Reason(String conditionType, String field) {
            this.conditionType = conditionType;
            this.field = field;
        }

        /** {@return the Argo CD condition type a verdict for this reason becomes} */
        public String conditionType() {
            return conditionType;
        }

        /** {@return the project field the rule lives in} */
        public String field() {
            return field;
        }
    }

    /**
     * Requires the project and reason; a missing rule or message becomes empty.
     *
     * @param permitted whether the sync may go ahead
     * @param project the project that decided
     * @param reason which kind of rule decided; {@link Reason#PERMITTED} when permitted
     * @param rule the entry that blocked, as the project spells it; empty when permitted
     * @param message the condition message; empty when permitted
     * @throws IllegalArgumentException when {@code permitted} does not agree with {@code reason} ({@link
     *     Reason#PERMITTED} exactly when permitted)
     */
    public PolicyVerdict {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(reason, "reason");
        rule = rule == null ? "" : rule;
        message = message == null ? "" : message;
        if (permitted != (reason == Reason.PERMITTED)) {
            throw new IllegalArgumentException("a verdict is permitted exactly when its reason is PERMITTED");
        }
    }

    /**
     * The sync may go ahead as far as {@code project} is concerned.
     *
     * @param project the project's name
     * @return a permitting verdict
     */
    public static PolicyVerdict permit(String project) {
        return new PolicyVerdict(true, project, Reason.PERMITTED, "", "");
    }

    /**
     * The sync is blocked by {@code rule} of {@code project}.
     *
     * @param project the project's name
     * @param reason which check blocked the sync
     * @param rule the rule that blocked it, as written in the project
     * @param message the condition message, naming the application, the rule and what to change
     * @return a blocking verdict
     */
    public static PolicyVerdict block(String project, Reason reason, String rule, String message) {
        return new PolicyVerdict(false, project, reason, rule, message);
    }

    /** {@return whether the sync is blocked} */
    public boolean blocked() {
        return !permitted;
    }

    /**
     * {@return the Argo CD condition type to report a blocked verdict as ({@code InvalidSpecError}, {@code
     * SyncError})}
     */
    public String conditionType() {
        return reason.conditionType();
    }

    @Override
    public String toString() {
        return permitted ? "permitted by project '" + project + "'" : message;
    }
}
