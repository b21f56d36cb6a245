package io.gitops4j.k8s.clusters;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Argo CD's declarative cluster Secrets: a {@code v1} Secret labelled
 * {@code argocd.argoproj.io/secret-type: cluster} whose keys are {@code name}, {@code server},
 * {@code namespaces} (comma-separated), {@code clusterResources}, {@code project} and
 * {@code config} (JSON: {@code bearerToken}, {@code username}/{@code password},
 * {@code tlsClientConfig} with {@code caData}, {@code certData}, {@code keyData},
 * {@code insecure}, {@code serverName}). Values come from {@code data} (base64) and
 * {@code stringData} (plain text, which wins, as the API server merges them).
 *
 * <p>As Argo CD, the server URL loses its trailing slashes and an empty {@code namespaces} means
 * every namespace. Unlike Argo CD, which ignores what it does not know, an unknown key of
 * {@code config} is refused (a misspelt {@code bearerToken} would otherwise connect anonymously),
 * and so are the authentications GitOps4J does not implement ({@code awsAuthConfig},
 * {@code execProviderConfig}) and {@code proxyUrl}. Every refusal is an
 * {@link InvalidClusterSecretException} naming the Secret and the field, never its value.
 */
public final class ClusterSecrets {

    /** The label that marks a Secret as a cluster, and its value. */
    public static final String SECRET_TYPE_LABEL = "argocd.argoproj.io/secret-type";
    /** The value of {@link #SECRET_TYPE_LABEL} on a cluster Secret. */
    public static final String SECRET_TYPE_CLUSTER = "cluster";

    private static final Set<String> KEYS = Set.of("name", "server", "namespaces", "clusterResources", "project",
            "config", "shard");
    private static final Set<String> CONFIG_FIELDS = Set.of("username", "password", "bearerToken", "tlsClientConfig",
            "disableCompression");
    private static final Set<String> TLS_FIELDS = Set.of("insecure", "serverName", "caData", "certData", "keyData");
    private static final Map<String, String> UNSUPPORTED = Map.of(
            "awsAuthConfig", "AWS IAM authentication (awsAuthConfig)",
            "execProviderConfig", "exec credential plugins (execProviderConfig)",
            "proxyUrl", "a proxy (proxyUrl)");

    private ClusterSecrets() {
    }

    /**
     * Whether {@code object} is a Secret labelled as an Argo CD cluster.
     *
     * @param object a Kubernetes object
     * @return whether it is a Secret with {@code argocd.argoproj.io/secret-type: cluster}
     */
    public static boolean isClusterSecret(JsonNode object) {
        return "Secret".equals(KubernetesObjects.kind(object))
                && SECRET_TYPE_CLUSTER.equals(object.path("metadata").path("labels").path(SECRET_TYPE_LABEL).asText(""));
    }

    /**
     * The cluster a Secret declares.
     *
     *
     * @param secret the Secret
     * @return the cluster's name, server, namespaces and credentials
     * @throws InvalidClusterSecretException when it is not a cluster Secret, or a key is missing
     *     or malformed
     */
    public static ClusterDefinition parse(JsonNode secret) {
        String where = "cluster Secret " + describe(secret);
        if (!isClusterSecret(secret)) {
            throw invalid(where, "is not a Secret labelled " + SECRET_TYPE_LABEL + ": " + SECRET_TYPE_CLUSTER
                    + "; label it so, or register the cluster another way");
        }
        Map<String, String> data = values(secret, where);
        String server = data.getOrDefault("server", "").trim().replaceAll("/+$", "");
        if (server.isEmpty()) {
            throw invalid(where, "has no 'server'; set it to the URL of the cluster's API server");
        }
        ClusterUrls.requireValid(server, where + ": 'server'", InvalidClusterSecretException::new);
        List<String> namespaces = new ArrayList<>();
        for (String namespace : data.getOrDefault("namespaces", "").split(",")) {
            if (!namespace.trim().isEmpty()) {
                namespaces.add(namespace.trim());
            }
        }
        boolean clusterResources = parseBool(data.getOrDefault("clusterResources", "false"), where, "clusterResources");
        ClusterConfig config = parseConfig(data.getOrDefault("config", "{}"), where);
        return new ClusterDefinition(data.getOrDefault("name", "").trim(), server, namespaces, clusterResources,
                data.getOrDefault("project", "").trim(), config);
    }

    private static Map<String, String> values(JsonNode secret, String where) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = secret.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            values.put(entry.getKey(), decode(entry.getValue(), where + ": data." + entry.getKey()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = secret.path("stringData").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw invalid(where, "stringData." + entry.getKey() + " is not a string");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw invalid(where, "has an unknown key '" + key + "'" + suggestion(key, KEYS)
                        + "; a cluster Secret holds " + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        return values;
    }

    private static String decode(JsonNode value, String what) {
        if (!value.isTextual()) {
            throw new InvalidClusterSecretException(what + " is not a base64 string");
        }
        try {
            return new String(Base64.getMimeDecoder().decode(value.asText()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidClusterSecretException(what + " is not valid base64; encode it, or put it under stringData");
        }
    }

    private static ClusterConfig parseConfig(String json, String where) {
        JsonNode config;
        try {
            config = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text around the error, which may be a credential.
            JsonLocation location = e.getLocation();
            throw invalid(where, "'config' is not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")")
                    + "; write it as Argo CD's cluster config, e.g. {\"bearerToken\": \"...\", \"tlsClientConfig\": {\"caData\": \"...\"}}");
        }
        if (config == null || config.isMissingNode() || config.isNull()) {
            return ClusterConfig.anonymous();
        }
        if (!config.isObject()) {
            throw invalid(where, "'config' is not a JSON object");
        }
        checkFields(config, CONFIG_FIELDS, where, "config");
        String username = text(config, "username", where, "config");
        String password = text(config, "password", where, "config");
        String bearerToken = text(config, "bearerToken", where, "config");
        if (!bearerToken.isEmpty() && (!username.isEmpty() || !password.isEmpty())) {
            throw invalid(where, "'config' sets both bearerToken and username/password; keep one of them");
        }
        if (username.isEmpty() != password.isEmpty()) {
            throw invalid(where, "'config' sets only one of username and password; set both or neither");
        }
        return new ClusterConfig(username, password, bearerToken, parseTls(config.path("tlsClientConfig"), where));
    }

    private static TlsClientConfig parseTls(JsonNode tls, String where) {
        if (tls.isMissingNode() || tls.isNull()) {
            return TlsClientConfig.defaults();
        }
        String path = "config.tlsClientConfig";
        if (!tls.isObject()) {
            throw invalid(where, path + " is not a JSON object");
        }
        checkFields(tls, TLS_FIELDS, where, path);
        JsonNode insecure = tls.path("insecure");
        if (!insecure.isMissingNode() && !insecure.isNull() && !insecure.isBoolean()) {
            throw invalid(where, path + ".insecure is not true or false");
        }
        String caData = pem(tls, "caData", where, path);
        String certData = pem(tls, "certData", where, path);
        String keyData = pem(tls, "keyData", where, path);
        if (certData.isEmpty() != keyData.isEmpty()) {
            throw invalid(where, path + " sets only one of certData and keyData; a client certificate needs both");
        }
        return new TlsClientConfig(insecure.asBoolean(false), text(tls, "serverName", where, path), caData, certData, keyData);
    }

    private static String pem(JsonNode parent, String field, String where, String path) {
        String value = text(parent, field, where, path);
        if (value.isEmpty()) {
            return value;
        }
        String decoded;
        try {
            decoded = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(where, path + "." + field + " is not base64; it holds the base64 of a PEM block, as in a kubeconfig's *-data fields");
        }
        if (!decoded.contains("-----BEGIN ")) {
            throw invalid(where, path + "." + field + " is not the base64 of a PEM block (no '-----BEGIN' line)");
        }
        return value;
    }

    private static void checkFields(JsonNode object, Set<String> known, String where, String path) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (UNSUPPORTED.containsKey(field)) {
                throw invalid(where, path + "." + field + ": " + UNSUPPORTED.get(field)
                        + " is not supported by GitOps4J; use a bearerToken or a client certificate (tlsClientConfig.certData/keyData)");
            }
            if (!known.contains(field)) {
                throw invalid(where, path + " has an unknown field '" + field + "'" + suggestion(field, known)
                        + "; known: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String text(JsonNode parent, String field, String where, String path) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw invalid(where, path + "." + field + " is not a string");
        }
        return value.asText();
    }

    private static boolean parseBool(String value, String where, String key) {
        // Go's strconv.ParseBool, as Argo CD reads clusterResources.
        switch (value.trim()) {
            case "1", "t", "T", "true", "TRUE", "True" -> {
                return true;
            }
            case "0", "f", "F", "false", "FALSE", "False", "" -> {
                return false;
            }
            default -> throw invalid(where, "'" + key + "' is not true or false");
        }
    }

    private static String suggestion(String name, Set<String> known) {
        return io.gitops4j.kube.FieldNameSuggestions.nearest(name, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    private static String describe(JsonNode secret) {
        String namespace = KubernetesObjects.namespace(secret);
        String name = KubernetesObjects.name(secret);
        return Redaction.text((namespace.isEmpty() ? "" : namespace + "/") + (name.isEmpty() ? "(unnamed)" : name));
    }

    private static InvalidClusterSecretException invalid(String where, String what) {
        return new InvalidClusterSecretException(where + " " + what);
    }
}
