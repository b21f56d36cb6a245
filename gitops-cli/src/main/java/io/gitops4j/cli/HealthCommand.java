package io.gitops4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gitops health FILE}: the health of every object in a file, as Argo CD would judge it. */
@Command(name = "health", mixinStandardHelpOptions = true, subcommands = HealthTestCommand.class,
        description = {"Print the health of every object in FILE (YAML or JSON, several documents or a List, "
                + "as `kubectl get -o yaml` prints them).",
                "Kinds without a health check print 'none'."})
final class HealthCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the live objects, with their status")
    Optional<Path> file = Optional.empty();

    @Option(names = "--lua-dir", paramLabel = "DIR",
            description = "a folder of Lua health scripts laid out as Argo CD's resource_customizations "
                    + "(<group>/<kind>/health.lua); may be repeated")
    List<Path> luaDirectories = new ArrayList<>();

    @Option(names = "--argocd-cm", paramLabel = "FILE",
            description = "an argocd-cm ConfigMap whose resource.customizations health scripts to use")
    Optional<Path> argoCdConfigMap = Optional.empty();

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (a table) or json (an array of {group, kind, namespace, name, status, message})")
    String output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (file.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
        }
        if (!output.equals("text") && !output.equals("json")) {
            throw new ParameterException(spec.commandLine(),
                    "-o must be text or json, not '" + output + "'");
        }
        HealthAssessor.Builder builder = HealthAssessor.builder();
        luaDirectories.forEach(builder::luaDirectory);
        argoCdConfigMap.ifPresent(cm -> builder.argoCdConfig(configMapData(cm)));
        HealthAssessor assessor = builder.build();
        List<Row> rows = new ArrayList<>();
        for (ObjectNode object : objects(file.get())) {
            rows.add(new Row(object, assessor.assess(object)));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(output.equals("json") ? json(rows) : table(rows));
        out.flush();
        return 0;
    }

    /** One object and its health. */
    private record Row(ObjectNode object, Optional<Health> health) {
        List<String> cells() {
            return List.of(KubernetesObjects.kind(object), KubernetesObjects.namespace(object),
                    KubernetesObjects.name(object), health.map(h -> h.status().displayName()).orElse("none"),
                    health.map(Health::message).orElse(""));
        }
    }

    private static String table(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of("KIND", "NAMESPACE", "NAME", "STATUS", "MESSAGE"));
        rows.forEach(r -> lines.add(r.cells()));
        return TextTable.of(lines);
    }

    private static String json(List<Row> rows) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (Row row : rows) {
            ObjectNode entry = array.addObject();
            entry.put("group", GroupVersion.parse(KubernetesObjects.apiVersion(row.object())).group());
            entry.put("kind", KubernetesObjects.kind(row.object()));
            entry.put("namespace", KubernetesObjects.namespace(row.object()));
            entry.put("name", KubernetesObjects.name(row.object()));
            if (row.health().isPresent()) {
                entry.put("status", row.health().get().status().displayName());
            } else {
                entry.putNull("status");
            }
            entry.put("message", row.health().map(Health::message).orElse(""));
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** The objects of a file; a List ({@code kubectl get -o yaml}) gives its items. */
    private static List<ObjectNode> objects(Path file) {
        List<ObjectNode> objects = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(read(file), file.toString())) {
            JsonNode items = document.body().path("items");
            if (KubernetesObjects.kind(document.body()).endsWith("List") && items.isArray()) {
                items.forEach(item -> objects.add(requireObject(item, document)));
            } else {
                objects.add(requireObject(document.body(), document));
            }
        }
        return objects;
    }

    private static ObjectNode requireObject(JsonNode node, YamlDocument document) {
        if (!(node instanceof ObjectNode object) || KubernetesObjects.kind(object).isEmpty()
                || KubernetesObjects.apiVersion(object).isEmpty()) {
            throw new ManifestException(document.source(), document.line(),
                    "not a Kubernetes object: apiVersion and kind are required");
        }
        return object;
    }

    private static Map<String, String> configMapData(Path configMap) {
        Map<String, String> data = new LinkedHashMap<>();
        for (YamlDocument document : Yaml.readDocuments(read(configMap), configMap.toString())) {
            document.body().path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        }
        return data;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ManifestException(file.toString(), 0, Files.exists(file) ? "cannot be read: " + e.getMessage()
                    : "does not exist");
        }
    }
}
