package io.gitops4j.core.engine.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.kube.Redaction;

/**
 * An application and its status as Argo CD would store the Application object ({@code metadata},
 * {@code spec}, {@code status}), the shape Argo CD Notifications' triggers and templates read.
 * Repository URLs are written without credentials.
 */
final class ApplicationView {

    private ApplicationView() {
    }

    static ObjectNode of(Application app, ApplicationStatus status) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode view = json.objectNode();
        view.put("apiVersion", "argoproj.io/v1alpha1").put("kind", "Application");
        ObjectNode metadata = view.putObject("metadata");
        metadata.put("name", app.name()).put("namespace", "").put("uid", "");
        ObjectNode annotations = metadata.putObject("annotations");
        app.annotations().forEach(annotations::put);

        ObjectNode spec = view.putObject("spec");
        spec.put("project", app.project());
        source(spec.putObject("source"), app.source());
        spec.putObject("destination").put("server", app.destination().server()).put("name", app.destination().name())
                .put("namespace", app.destination().namespace());

        ObjectNode out = view.putObject("status");
        out.putObject("sync").put("status", status.sync().status().displayName()).put("revision", status.sync().revision());
        out.putObject("health").put("status", status.health().status().displayName())
                .put("message", status.health().message());
        status.reconciledAt().ifPresent(at -> out.put("reconciledAt", at.toString()));
        var conditions = out.putArray("conditions");
        for (Condition condition : status.conditions()) {
            conditions.addObject().put("type", condition.type().argoName()).put("message", condition.message())
                    .put("lastTransitionTime", condition.lastTransitionTime().toString());
        }
        status.operationState().ifPresent(state -> operationState(out.putObject("operationState"), state));
        return view;
    }

    private static void source(ObjectNode node, ApplicationSource source) {
        node.put("repoURL", Redaction.url(source.repoURL())).put("targetRevision", source.targetRevision())
                .put("path", source.path());
        if (!source.chart().isEmpty()) {
            node.put("chart", source.chart());
        }
    }

    private static void operationState(ObjectNode node, OperationState state) {
        node.put("phase", state.phase().displayName()).put("message", state.message())
                .put("startedAt", state.startedAt().toString()).put("retryCount", state.retryCount());
        state.finishedAt().ifPresent(at -> node.put("finishedAt", at.toString()));
        ObjectNode operation = node.putObject("operation");
        operation.putObject("initiatedBy").put("username", state.operation().initiatedBy().username())
                .put("automated", state.operation().initiatedBy().automated());
        operation.putObject("sync").put("revision", state.operation().revision());
        state.syncResult().ifPresent(result -> {
            ObjectNode syncResult = node.putObject("syncResult");
            syncResult.put("revision", result.revision());
            source(syncResult.putObject("source"), result.source());
        });
    }
}
