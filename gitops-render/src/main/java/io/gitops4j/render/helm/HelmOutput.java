package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.render.source.Manifests;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.Utf8Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns helm-java's output into what {@code helm template --include-crds} prints: the chart's
 * CRDs first, then the manifests, then the hooks (their {@code helm.sh/hook} annotations
 * restored), test hooks left out when asked.
 */
final class HelmOutput {

    private HelmOutput() {
    }

    static List<ObjectNode> objects(String output, List<Path> crdFiles, String chartName, boolean skipTests) {
        List<ObjectNode> crds = new ArrayList<>();
        for (Path file : crdFiles) {
            String source = chartName + "/crds/" + file.getFileName();
            crds.addAll(read(readString(file, source), source));
        }
        List<ObjectNode> manifests = new ArrayList<>();
        List<ObjectNode> hooks = new ArrayList<>();
        for (ObjectNode object : read(output, "helm template " + chartName)) {
            if (restoreHookAnnotations(object)) {
                if (!(skipTests && isTestHook(object))) {
                    hooks.add(object);
                }
            } else {
                manifests.add(object);
            }
        }
        List<ObjectNode> all = new ArrayList<>(crds);
        all.addAll(manifests);
        all.addAll(hooks);
        return all;
    }

    /** Renames stand-in annotation keys back; true when the object is a hook. */
    private static boolean restoreHookAnnotations(ObjectNode object) {
        JsonNode annotations = object.path("metadata").path("annotations");
        if (!(annotations instanceof ObjectNode map)) {
            return false;
        }
        boolean hook = false;
        ObjectNode restored = map.objectNode();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            String key = entry.getKey();
            if (key.startsWith(ChartWorkspace.HOOK_STAND_IN)) {
                key = "helm.sh/hook" + key.substring(ChartWorkspace.HOOK_STAND_IN.length());
                hook = hook || key.equals("helm.sh/hook");
            }
            restored.set(key, entry.getValue());
        }
        KubernetesObjects.metadata(object).set("annotations", restored);
        return hook;
    }

    private static boolean isTestHook(ObjectNode object) {
        for (String hook : KubernetesObjects.annotation(object, "helm.sh/hook").split(",")) {
            String trimmed = hook.trim();
            if (trimmed.equals("test") || trimmed.equals("test-success")) {
                return true;
            }
        }
        return false;
    }

    private static List<ObjectNode> read(String content, String source) {
        try {
            return Manifests.read(content, source);
        } catch (ManifestException e) {
            throw new HelmException(source + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    private static String readString(Path file, String source) {
        try {
            return Utf8Text.decode(Files.readAllBytes(file), source);
        } catch (IOException e) {
            throw new HelmException("cannot read " + source + ": " + e.getMessage(), e);
        } catch (RenderException e) {
            throw new HelmException(e.getMessage(), e);
        }
    }
}
