package io.gitops4j.k8s.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.diff.KubernetesObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Argo CD's and Helm's hook annotations, as far as health needs them. */
final class Hooks {

    static final String HOOK = "argocd.argoproj.io/hook";
    static final String HELM_HOOK = "helm.sh/hook";
    static final String HOOK_FINALIZER = "argocd.argoproj.io/hook-finalizer";

    private static final Set<String> ARGO_TYPES = Set.of("PreSync", "Sync", "PostSync", "SyncFail", "Skip",
            "PreDelete", "PostDelete");
    private static final Set<String> HELM_TYPES = Set.of("pre-install", "pre-upgrade", "post-install", "post-upgrade");

    private Hooks() {
    }

    /**
     * Whether an object is a hook: it has an Argo CD hook annotation other than {@code Skip}
     * alone, or a Helm hook annotation other than {@code crd-install}.
     */
    static boolean isHook(JsonNode object) {
        if (object.path("metadata").path("annotations").has(HOOK)) {
            return !isSkipped(object);
        }
        return object.path("metadata").path("annotations").has(HELM_HOOK)
                && !"crd-install".equals(KubernetesObjects.annotation(object, HELM_HOOK));
    }

    /** Whether an object is annotated {@code argocd.argoproj.io/hook: Skip} (and no other hook type). */
    static boolean isSkipped(JsonNode object) {
        List<String> types = types(object);
        return types.size() == 1 && types.get(0).equals("Skip");
    }

    /** Whether an object being deleted waits on Argo CD's hook finalizer (then it is judged normally). */
    static boolean hasHookFinalizer(JsonNode object) {
        for (JsonNode finalizer : object.path("metadata").path("finalizers")) {
            if (HOOK_FINALIZER.equals(finalizer.asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> types(JsonNode object) {
        List<String> types = new ArrayList<>();
        for (String type : KubernetesObjects.annotation(object, HOOK).split(",")) {
            if (ARGO_TYPES.contains(type.trim())) {
                types.add(type.trim());
            }
        }
        if (types.isEmpty()) {
            for (String type : KubernetesObjects.annotation(object, HELM_HOOK).split(",")) {
                if (HELM_TYPES.contains(type.trim())) {
                    types.add(type.trim().startsWith("pre-") ? "PreSync" : "PostSync");
                }
            }
        }
        return types;
    }
}
