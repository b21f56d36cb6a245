package io.gitops4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.GitOpsException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * An operation asked of an Application as Argo CD's API server asks for one: written into its
 * {@code .operation} (refused while another one is there), then waited for until a controller has
 * run it and cleared it, its outcome in {@code status.operationState}; printed as the resource
 * table of the sync result and the phase. Used by {@code gitops app sync} and {@code gitops app rollback}.
 */
final class AppOperation {

    private static final List<String> COMPLETED = List.of("Succeeded", "Failed", "Error");

    private final AppCommand.Target target;
    private final String name;

    AppOperation(AppCommand.Target target, String name) {
        this.target = target;
        this.name = name;
    }

    /**
     * Writes the operation {@code operationOf} makes of the current object and waits for its outcome.
     *
     * @param operationOf the {@code .operation} to write, from the Application as it is now; it throws
     *     a {@link GitOpsException} to refuse
     * @param timeout how long to wait for a controller
     * @param timeoutText the timeout as the user wrote it, for the message when it is reached
     * @param what the operation, for messages ("sync", "rollback")
     * @return {@code status.operationState} once the operation completed
     */
    JsonNode run(Function<ObjectNode, ObjectNode> operationOf, Duration timeout, String timeoutText, String what) {
        return target.with((cluster, type) -> {
            JsonNode before = request(cluster, type, operationOf);
            String app = target.namespace + "/" + name;
            Optional<ObjectNode> done = new ApplicationWatch(cluster, type, target.namespace, name).until(version -> {
                if (version.isEmpty()) {
                    return true;
                }
                JsonNode now = version.get().at("/status/operationState");
                JsonNode operation = version.get().path("operation");
                return (operation.isMissingNode() || operation.isNull()) && !now.equals(before)
                        && COMPLETED.contains(now.path("phase").asText());
            }, timeout, "the " + what + " of " + app + " (no controller ran it within " + timeoutText
                    + "; is `gitops controller` or Argo CD running?)");
            return done.orElseThrow(() -> new GitOpsException("application " + app + " was deleted during the " + what))
                    .at("/status/operationState");
        });
    }

    /** Writes {@code .operation}; returns the operation state before it. */
    private JsonNode request(Cluster cluster, ResourceType type, Function<ObjectNode, ObjectNode> operationOf) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode app = target.get(cluster, type, name);
            if (app.has("operation") && !app.get("operation").isNull()) {
                throw new GitOpsException("another operation is already in progress for " + target.namespace + "/"
                        + name + "; wait for it, or let the controller finish it");
            }
            JsonNode before = app.at("/status/operationState").deepCopy();
            app.set("operation", operationOf.apply(app.deepCopy()));
            try {
                cluster.update(app);
                return before;
            } catch (ClusterException e) {
                if (e.code() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /** Prints the outcome as {@code gitops app sync} does; the exit code: 0 when it succeeded, else 1. */
    static int print(PrintWriter out, JsonNode state) {
        out.print(AppCommand.resources(state.at("/syncResult/resources"), true));
        out.println();
        out.println("Phase:    " + state.path("phase").asText());
        out.println("Message:  " + state.path("message").asText());
        JsonNode revisions = state.at("/syncResult/revisions");
        out.println("Revision: " + (revisions.isArray() && !revisions.isEmpty()
                ? String.join(", ", textList(revisions)) : state.at("/syncResult/revision").asText("")));
        out.flush();
        return state.path("phase").asText().equals("Succeeded") ? 0 : 1;
    }

    private static List<String> textList(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
