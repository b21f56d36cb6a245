package io.gitops4j.cluster;

import java.util.List;
import java.util.Optional;

/**
 * A server-side apply failed (409) because it would change fields other managers own. Apply
 * again with {@link WriteOptions#forced()} to take them over, or stop setting them.
 */
public class ApplyConflictException extends ClusterException {

    private static final long serialVersionUID = 1L;

    /** The conflicting fields, with their managers. */
    private final List<FieldConflict> conflicts;

    /**
     * A 409 {@code Conflict} listing the fields the apply would have taken from other managers.
     *
     * @param message the API server's message, as {@link #messageFor(List)} builds it
     * @param conflicts the conflicting fields, with their managers
     */
    public ApplyConflictException(String message, List<FieldConflict> conflicts) {
        super(409, "Conflict", message, Optional.empty());
        this.conflicts = List.copyOf(conflicts);
    }

    /**
     * The conflicting fields, with their managers.
     *
     * @return the fields, in the order the API server listed them
     */
    public List<FieldConflict> conflicts() {
        return conflicts;
    }

    /**
     * The API server's message for these conflicts:
     * {@code Apply failed with 1 conflict: conflict with "mgr" using apps/v1: .spec.replicas}
     * ({@link FieldConflict#owner()} names the manager).
     *
     * @param conflicts the conflicting fields, at least one
     * @return the message, one line for a single conflict, one line per field otherwise
     */
    public static String messageFor(List<FieldConflict> conflicts) {
        StringBuilder message = new StringBuilder("Apply failed with ").append(conflicts.size())
                .append(conflicts.size() == 1 ? " conflict:" : " conflicts:");
        String lastGroup = null;
        for (FieldConflict conflict : conflicts) {
            String group = "conflict with " + conflict.owner();
            if (conflicts.size() == 1) {
                return message.append(' ').append(group).append(": ").append(conflict.field()).toString();
            }
            if (!group.equals(lastGroup)) {
                message.append(lastGroup == null ? " " : "\n").append(group.replaceFirst("^conflict", "conflicts"))
                        .append(':');
                lastGroup = group;
            }
            message.append("\n- ").append(conflict.field());
        }
        return message.toString();
    }
}
