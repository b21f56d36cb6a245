package io.gitops4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitops app rollback NAME [ID]}: syncs the revision and source of an entry of the
 * Application's {@code status.history} again, as {@code argocd app rollback} (and Argo CD's API
 * server behind it) does: refused while automated sync is on or the Application is being deleted;
 * the entry is the one before the last when no ID is given; the {@code .operation} written syncs
 * the entry's {@code revision} and {@code source} (or {@code revisions} and {@code sources}) with
 * the application's sync options, then the command waits for the controller's outcome and prints
 * it as {@code gitops app sync} does.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Roll an Application back to a deployment of its history (default: the previous one), as "
                + "argocd app rollback: write a sync of that entry's revision and source into .operation and wait "
                + "for the controller to run it.", "Exit code: 0 succeeded, 1 refused, failed or an error."})
final class AppRollbackCommand implements Callable<Integer> {

    @Mixin
    AppCommand.Target target;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID",
            description = "the history id to roll back to (default: the deployment before the last)")
    Long id;

    @Option(names = "--prune", description = "delete resources the history entry does not have")
    boolean prune;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5m",
            description = "how long to wait for the controller (default: ${DEFAULT-VALUE})")
    String timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Duration wait = AppCommand.duration(spec, timeout);
        JsonNode state = new AppOperation(target, name).run(this::operation, wait, timeout, "rollback");
        return AppOperation.print(spec.commandLine().getOut(), state);
    }

    /** The operation that rolls {@code app} back, or a refusal naming why. */
    private ObjectNode operation(ObjectNode app) {
        String where = "application '" + target.namespace + "/" + name + "'";
        if (app.path("metadata").has("deletionTimestamp")) {
            throw new GitOpsException("rollback of " + where + " refused: the application is being deleted");
        }
        JsonNode automated = app.at("/spec/syncPolicy/automated");
        if (automated.isObject() && automated.path("enabled").asBoolean(true)) {
            throw new GitOpsException("rollback of " + where + " refused: rollback cannot be initiated when "
                    + "auto-sync is enabled; turn it off first (remove spec.syncPolicy.automated, or set its enabled "
                    + "to false)");
        }
        JsonNode entry = entry(app.at("/status/history"), where);
        boolean severalSources = entry.path("sources").isArray() && !entry.path("sources").isEmpty();
        if (!entry.path("source").path("repoURL").isTextual() && !severalSources) {
            throw new GitOpsException("rollback of " + where + " to history id " + entry.path("id").asText()
                    + " refused: the entry names no source; sync to its revision instead");
        }
        ObjectNode operation = Json.object();
        ObjectNode sync = operation.putObject("sync");
        if (!entry.path("revision").asText("").isEmpty()) {
            sync.put("revision", entry.path("revision").asText());
        }
        if (entry.path("revisions").isArray() && !entry.path("revisions").isEmpty()) {
            sync.set("revisions", entry.path("revisions").deepCopy());
        }
        if (prune) {
            sync.put("prune", true);
        }
        JsonNode syncOptions = app.at("/spec/syncPolicy/syncOptions");
        if (syncOptions.isArray() && !syncOptions.isEmpty()) {
            sync.set("syncOptions", syncOptions.deepCopy());
        }
        sync.putObject("syncStrategy").putObject("apply");
        if (severalSources) {
            sync.set("sources", entry.path("sources").deepCopy());
        } else {
            sync.set("source", entry.path("source").deepCopy());
        }
        operation.putObject("initiatedBy").put("username", System.getProperty("user.name", ""));
        return operation;
    }

    /** The history entry to roll back to: {@link #id}, or the one before the last. */
    private JsonNode entry(JsonNode history, String where) {
        if (id == null) {
            if (!history.isArray() || history.size() < 2) {
                throw new GitOpsException(where + " should have at least two successful deployments to roll back "
                        + "without an ID; `gitops app history " + name + "` lists them");
            }
            return history.get(history.size() - 2);
        }
        for (JsonNode entry : history) {
            if (entry.path("id").asLong(-1) == id) {
                return entry;
            }
        }
        throw new GitOpsException(where + " does not have deployment id '" + id + "' in history; `gitops app history "
                + name + "` lists them");
    }
}
