package io.gitops4j.render.kustomize.internal.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.render.kustomize.internal.load.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs.GeneratorOptions;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code configMapGenerator} and {@code secretGenerator}: builds the ConfigMap or Secret of one
 * generator entry. The content-hash suffix is added at the end of the build, once the object's
 * final content is known.
 */
public final class ConfigGenerator {

    private ConfigGenerator() {
    }

    /**
     * @param secret a Secret (base64 data, a type) rather than a ConfigMap
     * @param global the kustomization's {@code generatorOptions}
     * @param kustomizationFile the kustomization holding the generator, for its origin
     * @throws IllegalArgumentException with Kustomize's wording for a bad entry
     */
    public static Resource generate(GeneratorArgs args, boolean secret, GeneratorOptions global, KustomizationFiles files,
            java.nio.file.Path kustomizationFile) {
        String kind = secret ? "Secret" : "ConfigMap";
        if (args.name().isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " generator needs a name");
        }
        Resource.Behavior behavior = Resource.Behavior.parse(args.behavior());
        List<DataSources.Entry> entries = new ArrayList<>();
        entries.addAll(DataSources.literals(args.literals()));
        entries.addAll(DataSources.files(args.files(), files));
        entries.addAll(DataSources.envs(args.envs(), files));

        ObjectNode object = Json.object();
        object.put("apiVersion", "v1");
        object.put("kind", kind);
        ObjectNode metadata = object.putObject("metadata");
        metadata.put("name", args.name());
        if (!args.namespace().isEmpty()) {
            metadata.put("namespace", args.namespace());
        }
        GeneratorOptions options = global.overriddenBy(args.options());
        if (!options.labels().isEmpty()) {
            options.labels().forEach(metadata.putObject("labels")::put);
        }
        if (!options.annotations().isEmpty()) {
            options.annotations().forEach(metadata.putObject("annotations")::put);
        }
        if (secret) {
            object.put("type", args.type().isEmpty() ? "Opaque" : args.type());
        }
        fillData(object, entries, secret, kind + " " + args.name());
        if (Boolean.TRUE.equals(options.immutable())) {
            object.put("immutable", true);
        }
        Resource resource = new Resource(object, io.gitops4j.render.kustomize.internal.resource.Origin.generator(
                kustomizationFile, secret ? "SecretGenerator" : "ConfigMapGenerator"));
        resource.needsHashSuffix(!Boolean.TRUE.equals(options.disableNameSuffixHash()));
        resource.behavior(behavior);
        return resource;
    }

    private static void fillData(ObjectNode object, List<DataSources.Entry> entries, boolean secret, String what) {
        Set<String> seen = new HashSet<>();
        ObjectNode data = null;
        ObjectNode binaryData = null;
        for (DataSources.Entry entry : entries) {
            if (!seen.add(entry.key())) {
                throw new IllegalArgumentException(what.toLowerCase(java.util.Locale.ROOT).split(" ")[0] + " "
                        + what.substring(what.indexOf(' ') + 1) + " illegally repeats the key `" + entry.key() + "`");
            }
            if (secret) {
                data = data == null ? object.putObject("data") : data;
                data.put(entry.key(), Base64.getEncoder().encodeToString(entry.bytes()));
            } else if (entry.utf8()) {
                data = data == null ? object.putObject("data") : data;
                data.put(entry.key(), entry.text());
            } else {
                binaryData = binaryData == null ? object.putObject("binaryData") : binaryData;
                binaryData.put(entry.key(), Base64.getEncoder().encodeToString(entry.bytes()));
            }
        }
    }
}
