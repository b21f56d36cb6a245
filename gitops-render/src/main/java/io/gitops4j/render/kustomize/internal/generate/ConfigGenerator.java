package io.gitops4j.render.kustomize.internal.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs.GeneratorOptions;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the ConfigMap and Secret generators share: builds the object of one generator entry. The
 * content-hash suffix is added at the end of the build, once the object's final content is known.
 */
final class ConfigGenerator {

    /** The length of a line of base64 in a generated value, as kyaml breaks it. */
    private static final int LINE = 70;

    private ConfigGenerator() {
    }

    /**
     * @param args the entry, its options already merged with the kustomization's {@code generatorOptions}
     * @param secret a Secret (base64 data, a type) rather than a ConfigMap
     * @param origin where the generator is configured, for {@code originAnnotations}
     * @throws IllegalArgumentException with Kustomize's wording for a bad entry
     */
    static ResMap generate(GeneratorArgs args, boolean secret, KustomizationFiles files, Origin origin) {
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
        GeneratorOptions options = args.options();
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
        Resource resource = new Resource(object, origin);
        resource.needsHashSuffix(!Boolean.TRUE.equals(options.disableNameSuffixHash()));
        resource.behavior(behavior);
        ResMap generated = new ResMap();
        generated.append(resource);
        return generated;
    }

    private static void fillData(ObjectNode object, List<DataSources.Entry> entries, boolean secret, String what) {
        Set<String> seen = new HashSet<>();
        ObjectNode data = null;
        ObjectNode binaryData = null;
        for (DataSources.Entry entry : entries) {
            if (!seen.add(entry.key())) {
                throw new IllegalArgumentException(what.toLowerCase(Locale.ROOT).split(" ")[0] + " "
                        + what.substring(what.indexOf(' ') + 1) + " illegally repeats the key `" + entry.key() + "`");
            }
            if (secret) {
                data = data == null ? object.putObject("data") : data;
                data.put(entry.key(), base64(entry.bytes()));
            } else if (entry.utf8()) {
                data = data == null ? object.putObject("data") : data;
                data.put(entry.key(), entry.text());
            } else {
                binaryData = binaryData == null ? object.putObject("binaryData") : binaryData;
                binaryData.put(entry.key(), base64(entry.bytes()));
            }
        }
    }

    /**
     * Base64 as kyaml writes generated values: 70 characters a line, each line ending in a
     * newline once there is more than one ({@code len / 70 + 1 > 1}), so that a long value is a
     * literal block. The API server's base64 decoding ignores the newlines.
     */
    static String base64(byte[] bytes) {
        String encoded = Base64.getEncoder().encodeToString(bytes);
        if (encoded.length() < LINE) {
            return encoded;
        }
        StringBuilder out = new StringBuilder(encoded.length() + encoded.length() / LINE + 1);
        for (int i = 0; i < encoded.length(); i += LINE) {
            out.append(encoded, i, Math.min(i + LINE, encoded.length())).append('\n');
        }
        return out.toString();
    }
}
