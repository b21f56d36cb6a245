package io.gitops4j.core.engine;

/**
 * Who started an operation, Argo CD's {@code operation.initiatedBy}.
 *
 * @param username the user, for a manual operation (may be empty)
 * @param automated whether the controller started it (automated sync, self-heal)
 */
public record InitiatedBy(String username, boolean automated) {

    /** The controller itself. */
    public static final InitiatedBy AUTOMATED = new InitiatedBy("", true);

    /**
     * A missing username becomes empty.
     *
     * @param username the user, for a manual operation (may be empty)
     * @param automated whether the controller started it (automated sync, self-heal)
     */
    public InitiatedBy {
        username = username == null ? "" : username;
    }

    /**
     * A user.
     *
     * @param username the user's name, as Argo CD's {@code initiatedBy.username}
     * @return who started an operation by hand, not automated
     */
    public static InitiatedBy user(String username) {
        return new InitiatedBy(username, false);
    }
}
