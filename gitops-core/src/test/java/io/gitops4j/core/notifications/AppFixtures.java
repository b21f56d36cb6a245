package io.gitops4j.core.notifications;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;

/** Application statuses shaped as Argo CD writes them, for notification tests. */
final class AppFixtures {

    private AppFixtures() {
    }

    static ObjectNode app(String statusYaml) {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: guestbook
                  namespace: argocd
                  uid: 3f1c
                  annotations:
                    notifications.argoproj.io/subscribe.on-sync-failed.slack: team-alerts
                spec:
                  project: default
                  source:
                    repoURL: https://git.example.com/guestbook.git
                    path: guestbook
                """ + statusYaml;
        return (ObjectNode) Yaml.readValue(yaml, "fixture");
    }

    static ObjectNode failedSync(String revision) {
        return app("""
                status:
                  sync: {status: OutOfSync, revision: %s}
                  health: {status: Healthy, lastTransitionTime: "2026-12-04T10:00:00Z"}
                  operationState:
                    phase: Failed
                    message: "one or more objects failed to apply: Deployment.apps \\"guestbook\\" is invalid"
                    startedAt: "2026-12-04T10:05:00Z"
                    finishedAt: "2026-12-04T10:05:09Z"
                    syncResult: {revision: %s}
                """.formatted(revision, revision));
    }

    static ObjectNode withAnnotation(ObjectNode app, String key, String value) {
        ObjectNode copy = app.deepCopy();
        ((ObjectNode) copy.path("metadata").path("annotations")).put(key, value);
        return copy;
    }

    static ObjectNode withoutAnnotations(ObjectNode app) {
        ObjectNode copy = app.deepCopy();
        ((ObjectNode) copy.path("metadata")).set("annotations", Json.object());
        return copy;
    }
}
