package io.gitops4j.k8s.fabric8;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gitops4j.cluster.ApplyConflictException;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.FieldConflict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns fabric8's exceptions and Status answers into {@link ClusterException}s that say what failed. */
final class Fabric8Errors {

    /** A conflict cause as the API server words it: the manager, its subresource, API version and time if it updated. */
    private static final Pattern CONFLICT = Pattern.compile(
            "conflict with \"([^\"]*)\"(?: with subresource \"([^\"]*)\")?(?: using (\\S+))?(?: at \\S+)?");

    private Fabric8Errors() {
    }

    static ClusterException toClusterException(String what, KubernetesClientException e) {
        return toClusterException(what, e, Optional.empty());
    }

    /** As {@link #toClusterException(String, KubernetesClientException)}, with the answer's Retry-After. */
    static ClusterException toClusterException(String what, KubernetesClientException e,
            Optional<Duration> retryAfter) {
        Status status = e.getStatus();
        String reason = status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
        String statusReason = status != null && status.getReason() != null ? status.getReason() : "";
        List<FieldConflict> conflicts = fieldConflicts(status);
        if (e.getCode() == 409 && !conflicts.isEmpty()) {
            return new ApplyConflictException("cannot " + what + ": " + reason, conflicts);
        }
        return new ClusterException(e.getCode(), statusReason, "cannot " + what + ": " + reason, retryAfter, e);
    }

    /** The server-side apply conflicts of a Status: its causes of reason FieldManagerConflict. */
    private static List<FieldConflict> fieldConflicts(Status status) {
        List<FieldConflict> conflicts = new ArrayList<>();
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return conflicts;
        }
        for (StatusCause cause : status.getDetails().getCauses()) {
            Matcher m = CONFLICT.matcher(cause.getMessage() == null ? "" : cause.getMessage());
            if ("FieldManagerConflict".equals(cause.getReason()) && m.matches()) {
                conflicts.add(new FieldConflict(m.group(1), m.group(3) == null ? "" : m.group(3), cause.getField(),
                        m.group(2) == null ? "" : m.group(2)));
            }
        }
        return conflicts;
    }
}
