package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.Cascade;
import io.gitops4j.core.model.Application;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Application a fleet owner (an ApplicationSet or a parent application) wants registered:
 * the model the engine runs, and what of its object the fleet acts on.
 *
 * @param application what the engine registers
 * @param finalizers {@code metadata.finalizers} of its object: whether deleting it deletes its resources
 * @param labels {@code metadata.labels} of its object (progressive syncs select on them)
 * @param wave its {@code argocd.argoproj.io/sync-wave} (app-of-apps), 0 when absent
 */
record FleetApplication(Application application, List<String> finalizers, Map<String, String> labels, int wave) {

    FleetApplication {
        finalizers = List.copyOf(finalizers);
        labels = Map.copyOf(labels);
    }

    /** The application of an Application object. */
    static FleetApplication of(Application application, ObjectNode manifest) {
        List<String> finalizers = new ArrayList<>();
        manifest.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
        Map<String, String> labels = new TreeMap<>();
        manifest.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        JsonNode wave = manifest.path("metadata").path("annotations").path("argocd.argoproj.io/sync-wave");
        return new FleetApplication(application, finalizers, labels, wave(wave.asText("0")));
    }

    private static int wave(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    String name() {
        return application.name();
    }

    /**
     * What deleting it does to its resources, as Argo CD reads its finalizers:
     * {@code resources-finalizer.argocd.argoproj.io} (or {@code /foreground}) deletes them, its
     * {@code /background} variant too with background propagation, none keeps them.
     */
    Cascade cascade() {
        Cascade cascade = Cascade.NONE;
        for (String finalizer : finalizers) {
            Cascade named = finalizer.equals(Cascade.FOREGROUND.finalizer() + "/foreground") ? Cascade.FOREGROUND
                    : Cascade.ofFinalizer(finalizer);
            if (named != Cascade.NONE) {
                cascade = named;
            }
        }
        return cascade;
    }
}
