package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.hooks.Hooks;
import io.gitops4j.kube.KubernetesObjects;

/**
 * An object's sync wave, as Argo CD reads it: {@code argocd.argoproj.io/sync-wave} when it is a
 * whole number, else {@code helm.sh/hook-weight} when that is, else 0.
 */
final class Waves {

    static final String SYNC_WAVE = "argocd.argoproj.io/sync-wave";

    private Waves() {
    }

    static int of(JsonNode object) {
        Integer wave = parse(KubernetesObjects.annotation(object, SYNC_WAVE));
        if (wave == null) {
            wave = parse(KubernetesObjects.annotation(object, Hooks.HELM_HOOK_WEIGHT));
        }
        return wave == null ? 0 : wave;
    }

    /** Whether an object names a wave that is not a whole number (and so lands in wave 0). */
    static boolean hasUnreadableWave(JsonNode object) {
        String value = KubernetesObjects.annotation(object, SYNC_WAVE);
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
