package io.gitops4j.cli;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.ResourceStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gitops status APP.yaml --kubeconfig F}: the application controller's view of an
 * application, as {@code argocd app get} shows it, read from the ConfigMap the cluster-backed
 * state store keeps.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show what the application controller last saw of the application in APP.yaml: sync status, "
                + "health, conditions, the last operation and every resource, from the state it keeps in the cluster "
                + "(ConfigMap gitops4j-app-<name>)."})
final class StatusCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoredApplicationOptions target;

    @Override
    public Integer call() {
        target.read(spec, stored -> {
            print(stored, spec.commandLine().getOut());
            return stored;
        });
        return 0;
    }

    private static void print(StoredApplication stored, PrintWriter out) {
        ApplicationStatus status = stored.state().status();
        List<List<String>> fields = new ArrayList<>();
        fields.add(List.of("Name:", stored.app().name()));
        fields.add(List.of("Project:", stored.app().project()));
        fields.add(List.of("Repo:", io.gitops4j.kube.Redaction.url(stored.app().source().repoURL())));
        fields.add(List.of("Target:", stored.app().source().targetRevision()));
        fields.add(List.of("Path:", stored.app().source().path()));
        fields.add(List.of("Sync Status:", status.sync().status().displayName()
                + (status.sync().revision().isEmpty() ? "" : " to " + status.sync().revision())));
        fields.add(List.of("Health Status:", status.health().status().displayName()
                + (status.health().message().isEmpty() ? "" : " (" + status.health().message() + ")")));
        fields.add(List.of("Reconciled At:", status.reconciledAt().map(Object::toString).orElse("never")));
        status.operationState().ifPresent(op -> fields.add(List.of("Operation:", operation(op))));
        out.print(TextTable.of(fields));
        if (!status.conditions().isEmpty()) {
            List<List<String>> conditions = new ArrayList<>();
            conditions.add(List.of("CONDITION", "MESSAGE", "LAST TRANSITION"));
            for (Condition c : status.conditions()) {
                conditions.add(List.of(c.type().argoName(), c.message(), c.lastTransitionTime().toString()));
            }
            out.println();
            out.print(TextTable.of(conditions));
        }
        List<List<String>> resources = new ArrayList<>();
        resources.add(List.of("GROUP", "KIND", "NAMESPACE", "NAME", "STATUS", "HEALTH", "MESSAGE"));
        for (ResourceStatus r : status.resources()) {
            resources.add(List.of(r.key().group(), r.key().kind(), r.key().namespace(), r.key().name(),
                    r.status().displayName() + (r.requiresPruning() ? " (requires pruning)" : ""),
                    r.health().map(h -> h.status().displayName()).orElse(""),
                    r.health().map(h -> h.message()).orElse("")));
        }
        out.println();
        out.print(TextTable.of(resources));
        out.flush();
    }

    private static String operation(OperationState op) {
        String kind = op.operation().dryRun() ? "Sync (dry run)" : "Sync";
        return kind + " " + op.phase().displayName() + " (started " + op.startedAt()
                + op.finishedAt().map(f -> ", finished " + f).orElse("") + ")"
                + (op.message().isEmpty() ? "" : ": " + op.message());
    }
}
