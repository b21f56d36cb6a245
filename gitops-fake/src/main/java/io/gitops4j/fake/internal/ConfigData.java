package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.KubernetesObjects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a Kubernetes API server does to the data of Secrets and ConfigMaps as it stores them: a
 * Secret's {@code stringData} is merged into {@code data} (base64, winning over a {@code data}
 * entry of the same key) and never stored; {@code data} of a Secret and {@code binaryData} of a
 * ConfigMap must be padded standard base64 (400 otherwise, as the server's decoder answers); keys
 * must be config keys, at most 1 MiB in all, a ConfigMap key in one of its two maps only; the
 * well-known Secret types need their keys ({@code tls.crt} and {@code tls.key} for
 * {@code kubernetes.io/tls}, ...) and a Secret's type never changes (422 otherwise).
 */
final class ConfigData {

    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final int MAX_KEY_LENGTH = 253;
    private static final int MAX_TOTAL_BYTES = 1024 * 1024;
    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kubernetes.io/tls", List.of("tls.crt", "tls.key"),
            "kubernetes.io/dockerconfigjson", List.of(".dockerconfigjson"),
            "kubernetes.io/dockercfg", List.of(".dockercfg"),
            "kubernetes.io/ssh-auth", List.of("ssh-privatekey"));

    private ConfigData() {
    }

    /**
     * Converts and checks a Secret about to be stored.
     *
     * @param previous the stored Secret it replaces, or {@code null} on create
     */
    static void secret(ResourceType type, ObjectNode secret, ObjectNode previous) {
        checkBase64(type, secret.path("data"));
        JsonNode stringData = secret.remove("stringData");
        if (stringData instanceof ObjectNode values && !values.isEmpty()) {
            ObjectNode data = secret.get("data") instanceof ObjectNode existing ? existing : secret.putObject("data");
            values.properties().forEach(entry -> data.put(entry.getKey(), Base64.getEncoder()
                    .encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
        }
        List<String> problems = new ArrayList<>();
        JsonNode data = secret.path("data");
        checkKeys("data", data, problems);
        if (decodedSize(data) > MAX_TOTAL_BYTES) {
            problems.add("data: Too long: must have at most " + MAX_TOTAL_BYTES + " bytes");
        }
        String secretType = secret.path("type").asText("Opaque");
        for (String key : REQUIRED_KEYS.getOrDefault(secretType, List.of())) {
            if (!data.has(key)) {
                problems.add("data[" + key + "]: Required value");
            }
        }
        if (secretType.equals("kubernetes.io/basic-auth") && !data.has("username") && !data.has("password")) {
            problems.add("data[username]: Required value");
            problems.add("data[password]: Required value");
        }
        if (secretType.equals("kubernetes.io/service-account-token")
                && KubernetesObjects.annotations(secret).getOrDefault("kubernetes.io/service-account.name", "")
                        .isEmpty()) {
            problems.add("metadata.annotations[kubernetes.io/service-account.name]: Required value");
        }
        if (previous != null) {
            String before = previous.path("type").asText("Opaque");
            if (!before.equals(secretType)) {
                problems.add("type: Invalid value: \"" + secretType + "\": field is immutable");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiErrors.invalid(type, KubernetesObjects.name(secret), problems);
        }
    }

    /** Checks a ConfigMap about to be stored. */
    static void configMap(ResourceType type, ObjectNode configMap) {
        JsonNode binaryData = configMap.path("binaryData");
        checkBase64(type, binaryData);
        JsonNode data = configMap.path("data");
        List<String> problems = new ArrayList<>();
        checkKeys("data", data, problems);
        checkKeys("binaryData", binaryData, problems);
        data.fieldNames().forEachRemaining(key -> {
            if (binaryData.has(key)) {
                problems.add("data[" + key + "]: Invalid value: \"" + key + "\": duplicate of key present in "
                        + "binaryData");
            }
        });
        long total = decodedSize(binaryData);
        for (JsonNode value : data) {
            total += value.asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_TOTAL_BYTES) {
            problems.add("[]: Too long: must have at most " + MAX_TOTAL_BYTES + " bytes");
        }
        if (!problems.isEmpty()) {
            throw ApiErrors.invalid(type, KubernetesObjects.name(configMap), problems);
        }
    }

    private static void checkKeys(String field, JsonNode map, List<String> problems) {
        map.fieldNames().forEachRemaining(key -> {
            if (key.length() > MAX_KEY_LENGTH) {
                problems.add(field + "[" + key + "]: Invalid value: \"" + key + "\": must be no more than "
                        + MAX_KEY_LENGTH + " characters");
            } else if (!CONFIG_KEY.matcher(key).matches()) {
                problems.add(field + "[" + key + "]: Invalid value: \"" + key + "\": a valid config key must consist "
                        + "of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                        + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
            } else if (key.equals(".") || key.equals("..") || key.startsWith("..")) {
                problems.add(field + "[" + key + "]: Invalid value: \"" + key + "\": must not be '.' or '..' nor "
                        + "start with '..'");
            }
        });
    }

    /** Go's base64.StdEncoding as the server's JSON decoder uses it: padded, newlines ignored. */
    private static void checkBase64(ResourceType type, JsonNode map) {
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            String text = value.isTextual() ? value.asText().replace("\r", "").replace("\n", "") : null;
            int bad = text == null ? 0 : firstIllegalByte(text);
            if (bad >= 0) {
                throw ApiErrors.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                        + type.kind() + ": illegal base64 data at input byte " + bad + " (key " + entry.getKey()
                        + ")");
            }
        }
    }

    /** @return the index of the first byte Go's padded decoder refuses, or -1 when the text decodes */
    private static int firstIllegalByte(String text) {
        int padding = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean alphabet = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/';
            if (c == '=') {
                padding++;
                if (padding > 2 || i % 4 < 2) {
                    return i;
                }
            } else if (!alphabet || padding > 0) {
                return i;
            }
        }
        if (text.length() % 4 != 0) {
            return text.length() - text.length() % 4;
        }
        return -1;
    }

    private static long decodedSize(JsonNode map) {
        long total = 0;
        for (JsonNode value : map) {
            String text = value.asText().replace("\r", "").replace("\n", "");
            int padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
            total += text.length() / 4 * 3 - padding;
        }
        return total;
    }
}
