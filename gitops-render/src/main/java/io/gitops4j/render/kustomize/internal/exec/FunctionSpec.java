package io.gitops4j.render.kustomize.internal.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The KRM function a plugin configuration names, as kyaml's {@code GetFunctionSpec} reads it: the
 * {@code config.kubernetes.io/function} (or legacy {@code config.k8s.io/function}) annotation,
 * else {@code metadata.configFn}, else a {@code config.kubernetes.io/container} annotation. Unknown
 * fields are refused, as Kustomize's strict decoding does.
 *
 * @param path {@code exec.path}; empty for a container function
 * @param args {@code exec.args}
 * @param env {@code exec.envs}, the {@code KEY=VALUE} entries with exactly one {@code =}
 * @param image {@code container.image}; empty for an exec function
 */
public record FunctionSpec(String path, List<String> args, Map<String, String> env, String image) {

    private static final List<String> ANNOTATIONS = List.of("config.kubernetes.io/function", "config.k8s.io/function");
    private static final Set<String> TOP_FIELDS = Set.of("deferFailure", "container", "exec");
    private static final Set<String> EXEC_FIELDS = Set.of("path", "args", "envs");
    private static final Set<String> CONTAINER_FIELDS = Set.of("image", "network", "storageMounts", "env");

    /**
     * The function a configuration names.
     *
     * @return empty when it names none (a legacy exec plugin)
     * @throws IllegalArgumentException when the specification is malformed
     */
    public static Optional<FunctionSpec> of(ObjectNode config) {
        JsonNode metadata = config.path("metadata");
        for (String annotation : ANNOTATIONS) {
            String text = metadata.path("annotations").path(annotation).asText("");
            if (!text.isEmpty()) {
                return Optional.of(parse(read(text, annotation), annotation));
            }
        }
        JsonNode configFn = metadata.path("configFn");
        if (!configFn.isMissingNode() && !configFn.isNull()) {
            return Optional.of(parse(configFn, "configFn"));
        }
        String container = metadata.path("annotations").path("config.kubernetes.io/container").asText("");
        if (!container.isEmpty()) {
            return Optional.of(new FunctionSpec("", List.of(), Map.of(), container));
        }
        return Optional.empty();
    }

    /** Whether it runs an executable. */
    public boolean isExec() {
        return image.isEmpty() && !path.isEmpty();
    }

    private static JsonNode read(String text, String source) {
        try {
            List<YamlDocument> documents = YamlReader.kyaml().readDocuments(text, source);
            return documents.isEmpty() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : documents.get(0).body();
        } catch (ManifestException e) {
            throw new IllegalArgumentException("failed to get FunctionSpec: " + source + " unmarshal error: "
                    + e.getMessage(), e);
        }
    }

    private static FunctionSpec parse(JsonNode spec, String source) {
        if (!(spec instanceof ObjectNode object)) {
            throw new IllegalArgumentException("failed to get FunctionSpec: " + source + " is not a mapping");
        }
        unknown(object, TOP_FIELDS, source, "");
        JsonNode exec = object.path("exec");
        JsonNode container = object.path("container");
        unknown(exec, EXEC_FIELDS, source, "exec.");
        unknown(container, CONTAINER_FIELDS, source, "container.");
        List<String> args = new ArrayList<>();
        exec.path("args").forEach(a -> args.add(a.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode entry : exec.path("envs")) {
            String[] parts = entry.asText().split("=", -1);
            if (parts.length == 2) {
                env.put(parts[0], parts[1]);
            }
        }
        return new FunctionSpec(exec.path("path").asText(""), List.copyOf(args), Map.copyOf(env),
                container.path("image").asText(""));
    }

    private static void unknown(JsonNode node, Set<String> known, String source, String prefix) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("failed to get FunctionSpec: " + source + " unmarshal error: "
                            + "unknown field \"" + prefix + name + "\"");
                }
            });
        }
    }
}
