package io.gitops4j.render.kustomize.internal.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.internal.process.PluginProcess;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A KRM function run as an executable ({@code exec: path:} in its
 * {@code config.kubernetes.io/function} annotation), as Kustomize runs it with
 * {@code --enable-exec}: the program, relative to the kustomization's directory, gets a
 * {@code config.kubernetes.io/v1} {@code ResourceList} on stdin (its {@code items}, each with
 * kyaml's index and id annotations, and the configuration, marked local-config, as
 * {@code functionConfig}) and prints a {@code ResourceList} or plain YAML documents. A generator's
 * input is its own configuration; a transformer's the resources, each with its id. A non-zero
 * exit fails the build, with the function's error output and the {@code results} it printed.
 */
public final class KrmFunction implements ExternalPlugin {

    private static final String LOCAL_CONFIG = "config.kubernetes.io/local-config";

    private final PluginEnvironment environment;
    private final Resource config;
    private final FunctionSpec spec;
    private final Path program;
    private final String name;

    private KrmFunction(PluginEnvironment environment, Resource config, FunctionSpec spec, Path program) {
        this.environment = environment;
        this.config = config;
        this.spec = spec;
        this.program = program;
        this.name = "exec function '" + config.originalId().kind() + "/" + config.originalId().name() + "' ("
                + spec.path() + ")";
    }

    /**
     * Configures the function a configuration names.
     *
     * @throws IllegalArgumentException when its program is missing, not executable, or outside
     *     the repository and the plugin home
     */
    public static KrmFunction load(PluginEnvironment environment, Resource config, FunctionSpec spec) {
        Path candidate = environment.directory().resolve(spec.path()).normalize();
        Path program = environment.executable(candidate, "exec function path '" + spec.path() + "'");
        return new KrmFunction(environment, config, spec, program);
    }

    @Override
    public ResMap generate() {
        ObjectNode functionConfig = functionConfig();
        List<ObjectNode> output = invoke(List.of(functionConfig.deepCopy()), functionConfig);
        return PluginResources.generated(output,
                Origin.plugin(config.origin().file(), config.currentId()).in(config.origin().remote()));
    }

    @Override
    public void transform(ResMap resources) {
        ObjectNode functionConfig = functionConfig();
        List<ObjectNode> items = resources.size() == 0 ? List.of(functionConfig.deepCopy())
                : PluginResources.withIds(resources);
        List<ObjectNode> output = invoke(items, functionConfig);
        PluginResources.update(pluginName(), output, resources, config.origin());
    }

    @Override
    public String kind() {
        return config.originalId().kind();
    }

    private String pluginName() {
        return "api: " + config.originalId().apiVersion() + ", kind: " + config.originalId().kind() + ", name: "
                + config.originalId().name();
    }

    /** The configuration as the function gets it: marked local-config, so that an echo of it is left out. */
    private ObjectNode functionConfig() {
        ObjectNode copy = config.object().deepCopy();
        PluginResources.annotations(copy).put(LOCAL_CONFIG, "true");
        return copy;
    }

    private List<ObjectNode> invoke(List<ObjectNode> items, ObjectNode functionConfig) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "config.kubernetes.io/v1");
        list.put("kind", "ResourceList");
        ArrayNode array = list.putArray("items");
        for (int i = 0; i < items.size(); i++) {
            ObjectNode item = items.get(i);
            ObjectNode annotations = PluginResources.annotations(item);
            annotations.put("config.kubernetes.io/index", Integer.toString(i));
            annotations.put("internal.config.kubernetes.io/index", Integer.toString(i));
            annotations.put("internal.config.kubernetes.io/id", Integer.toString(i + 1));
            annotations.put("config.k8s.io/id", Integer.toString(i + 1));
            array.add(item);
        }
        list.set("functionConfig", functionConfig);
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(spec.args());
        Map<String, String> extra = new TreeMap<>(spec.env());
        byte[] output;
        try {
            output = PluginProcess.run(name + ", configured in " + config.origin().file().getFileName(), command,
                    environment.directory(), environment.environment(extra),
                    Yaml.write(list).getBytes(StandardCharsets.UTF_8), environment.settings().timeout(),
                    environment.settings().maxOutputBytes());
        } catch (PluginProcess.Failure e) {
            throw new IllegalArgumentException(e.getMessage() + errorResults(e.stdout()), e);
        }
        String text = PluginResources.text(output, name);
        List<YamlDocument> documents = PluginResources.documents(text, name);
        if (documents.size() == 1 && isResourceList(documents.get(0).body())) {
            List<ObjectNode> printed = new ArrayList<>();
            for (JsonNode item : documents.get(0).body().path("items")) {
                if (!(item instanceof ObjectNode object)) {
                    throw new IllegalArgumentException(name + " printed a ResourceList whose items are not all objects");
                }
                printed.add(object);
            }
            return PluginResources.objects(Yaml.writeAll(printed), name);
        }
        return PluginResources.objects(text, name);
    }

    /** The messages of the {@code results} a failed function printed, for its error. */
    private String errorResults(byte[] stdout) {
        try {
            List<YamlDocument> documents = PluginResources.documents(PluginResources.text(stdout, name), name);
            List<String> messages = new ArrayList<>();
            for (YamlDocument document : documents) {
                for (JsonNode result : document.body().path("results")) {
                    messages.add(result.path("severity").asText("info") + ": " + result.path("message").asText(""));
                }
            }
            String joined = String.join("; ", messages);
            return messages.isEmpty() ? "" : "; its results: "
                    + (joined.length() > 2000 ? joined.substring(0, 2000) + "..." : joined);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static boolean isResourceList(ObjectNode object) {
        return object.path("kind").asText().equals("ResourceList")
                && List.of("config.kubernetes.io/v1", "config.kubernetes.io/v1alpha1", "config.k8s.io/v1alpha1")
                        .contains(object.path("apiVersion").asText());
    }

}
