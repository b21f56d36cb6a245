package io.gitops4j.cli;

import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.kube.Redaction;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code gitops history APP.yaml --kubeconfig F}: the application's successful syncs, as
 * {@code argocd app history} lists them, with the ids a rollback names.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List the successful syncs of the application in APP.yaml (the ids a rollback names), from the "
                + "state the application controller keeps in the cluster (ConfigMap gitops4j-app-<name>)."})
final class HistoryCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    StoredApplicationOptions target;

    @Override
    public Integer call() {
        List<RevisionHistory> history = target.read(spec, stored -> stored.state().status().history());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "DATE", "REVISION", "SOURCE", "INITIATED BY"));
        for (RevisionHistory h : history) {
            rows.add(List.of(Long.toString(h.id()), h.deployedAt().toString(), h.revision(),
                    Redaction.url(h.source().repoURL()) + " " + h.source().path(),
                    h.initiatedBy().automated() ? "automated" : h.initiatedBy().username().isEmpty() ? "user"
                            : h.initiatedBy().username()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TextTable.of(rows));
        out.flush();
        return 0;
    }
}
