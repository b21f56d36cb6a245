package io.gitops4j.diff.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.ServerFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Removes what a comparison must not see from a desired, live or last-applied object: server
 * metadata ({@link ServerFields}), {@code status} as configured, the rules of aggregated
 * ClusterRoles (the aggregation controller writes them), and Secret {@code stringData}, folded
 * into {@code data} the way the API server stores it.
 *
 * @param ignoreStatus whose status to ignore
 * @param ignoreAggregatedRoles whether the rules of a ClusterRole with an aggregation rule are ignored
 */
public record ObjectNormalizer(IgnoreStatus ignoreStatus, boolean ignoreAggregatedRoles) {

    /**
     * A normalized copy of {@code object}.
     *
     * @param object a Kubernetes object; not changed
     * @return the normalized copy
     */
    public ObjectNode normalize(ObjectNode object) {
        String group = GroupVersion.parse(object.path("apiVersion").asText("")).group();
        String kind = object.path("kind").asText("");
        boolean dropStatus = ignoreStatus == IgnoreStatus.ALL
                || ignoreStatus == IgnoreStatus.CRD && kind.equals("CustomResourceDefinition");
        ObjectNode copy = dropStatus ? ServerFields.strip(object) : ServerFields.stripMetadata(object);
        if (group.isEmpty() && kind.equals("Secret")) {
            foldStringData(copy);
        }
        if (ignoreAggregatedRoles && group.equals("rbac.authorization.k8s.io") && kind.equals("ClusterRole")
                && copy.hasNonNull("aggregationRule")) {
            copy.remove("rules");
        }
        return copy;
    }

    /** {@code stringData} entries become base64 {@code data} entries (winning over them), as on the server. */
    static void foldStringData(ObjectNode secret) {
        JsonNode stringData = secret.remove("stringData");
        if (stringData == null || !stringData.isObject() || stringData.isEmpty()) {
            return;
        }
        JsonNode existing = secret.get("data");
        ObjectNode data = existing instanceof ObjectNode object ? object : secret.putObject("data");
        stringData.properties().forEach(entry -> data.put(entry.getKey(),
                Base64.getEncoder().encodeToString(entry.getValue().asText().getBytes(StandardCharsets.UTF_8))));
    }
}
