package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.kube.KubernetesObjects;

/**
 * An object's sync wave, as Argo CD reads it (gitops-engine's {@code syncwaves.Wave}):
 * {@code argocd.argoproj.io/sync-wave} when it is a whole number, else {@code helm.sh/hook-weight}
 * when that is, else 0. Syncs apply waves in ascending order; deleting an application deletes
 * them in descending order.
 */
public final class SyncWaves {

    /** The annotation naming an object's wave. */
    public static final String ANNOTATION = "argocd.argoproj.io/sync-wave";

    private SyncWaves() {
    }

    /**
     * The object's wave.
     *
     * @param object a Kubernetes object
     * @return the whole number of {@code argocd.argoproj.io/sync-wave}, else of {@code helm.sh/hook-weight};
     *     0 when neither is one
     */
    public static int of(JsonNode object) {
        Integer wave = parse(KubernetesObjects.annotation(object, ANNOTATION));
        if (wave == null) {
            wave = parse(KubernetesObjects.annotation(object, Hooks.HELM_HOOK_WEIGHT));
        }
        return wave == null ? 0 : wave;
    }

    /**
     * Whether an object names a wave that is not a whole number (and so lands in wave 0).
     *
     * @param object a Kubernetes object
     * @return whether its wave annotation is set but unreadable
     */
    public static boolean hasUnreadableWave(JsonNode object) {
        String value = KubernetesObjects.annotation(object, ANNOTATION);
        return !value.isEmpty() && parse(value) == null;
    }

    private static Integer parse(String value) {
        try {
            return value.isEmpty() ? null : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
