package io.gitops4j.core.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.KubernetesObjects;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** The string data of a ConfigMap ({@code data}) or a Secret ({@code data} in base64, {@code stringData} winning). */
final class KubernetesData {

    private KubernetesData() {
    }

    /** {@code namespace/name} of an object, for messages. */
    static String describe(JsonNode object) {
        String namespace = KubernetesObjects.namespace(object);
        String name = KubernetesObjects.name(object);
        return (namespace.isEmpty() ? "" : namespace + "/") + (name.isEmpty() ? "(unnamed)" : name);
    }

    /** A ConfigMap's {@code data}; a non-text value is an error naming the key. */
    static Map<String, String> configMap(JsonNode configMap, String where) {
        Map<String, String> data = new TreeMap<>();
        configMap.path("data").properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new ArgoCdSettingsException(where + " key '" + e.getKey() + "' is not a string; quote it");
            }
            data.put(e.getKey(), e.getValue().asText());
        });
        return data;
    }

    /** A Secret's values decoded; an undecodable value is an error naming the key, never showing the value. */
    static Map<String, String> secret(JsonNode secret, String where) {
        Map<String, String> data = new TreeMap<>();
        secret.path("data").properties().forEach(e -> {
            try {
                data.put(e.getKey(), new String(Base64.getDecoder().decode(e.getValue().asText("")),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException invalid) {
                throw new ArgoCdSettingsException(where + " key '" + e.getKey()
                        + "' is not valid base64 in data; write it base64-encoded, or in stringData");
            }
        });
        secret.path("stringData").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText("")));
        return data;
    }
}
