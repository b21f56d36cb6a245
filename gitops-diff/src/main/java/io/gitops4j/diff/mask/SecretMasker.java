package io.gitops4j.diff.mask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.ServerFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Hides Secret values from what people and logs see, the way Argo CD does: every value of
 * {@code data} (and {@code stringData}) becomes a run of {@code +}. For one key, equal values get
 * the same run and different values runs of different lengths, so a diff still shows which keys
 * changed and which did not, and nothing of the values. The last-applied annotation of a live
 * Secret holds a copy of its data and is masked the same way.
 */
public final class SecretMasker {

    private static final String FIRST_MASK = "++++++++";
    private static final String MASK_STEP = "++++";

    private SecretMasker() {
    }

    /**
     * Whether {@code object} is a core Secret, whose data is masked.
     *
     * @param object a Kubernetes object, or {@code null}
     * @return whether it is a {@code v1} Secret
     */
    public static boolean isSecret(JsonNode object) {
        return object != null && object.path("kind").asText("").equals("Secret")
                && GroupVersion.parse(object.path("apiVersion").asText("")).group().isEmpty();
    }

    /**
     * Masked copies of objects that are versions of one Secret (desired, live, predicted...),
     * masked consistently with each other; objects that are not Secrets are returned unchanged.
     *
     * @param versions the versions of one object
     * @return the copies, in the same order
     */
    public static List<ObjectNode> mask(List<ObjectNode> versions) {
        List<ObjectNode> copies = new ArrayList<>();
        List<ObjectNode> masked = new ArrayList<>();
        List<ObjectNode> lastApplied = new ArrayList<>();
        for (ObjectNode version : versions) {
            if (!isSecret(version)) {
                copies.add(version);
                continue;
            }
            ObjectNode copy = version.deepCopy();
            copies.add(copy);
            masked.add(copy);
            ObjectNode annotation = ServerFields.lastApplied(copy).orElse(null);
            if (annotation == null && copy.path("metadata").path("annotations").has(ServerFields.LAST_APPLIED_ANNOTATION)) {
                // not JSON, so it cannot be masked value by value: hide it whole
                ((ObjectNode) copy.get("metadata").get("annotations")).put(ServerFields.LAST_APPLIED_ANNOTATION, FIRST_MASK);
            }
            lastApplied.add(annotation);
            if (annotation != null) {
                masked.add(annotation);
            }
        }
        maskInPlace(masked);
        for (int i = 0, s = 0; i < copies.size(); i++) {
            if (isSecret(copies.get(i))) {
                ObjectNode annotation = lastApplied.get(s++);
                if (annotation != null) {
                    ((ObjectNode) copies.get(i).get("metadata").get("annotations"))
                            .put(ServerFields.LAST_APPLIED_ANNOTATION, Json.write(annotation));
                }
            }
        }
        return copies;
    }

    private static void maskInPlace(List<ObjectNode> secrets) {
        Set<String> keys = new TreeSet<>();
        for (ObjectNode secret : secrets) {
            for (String field : new String[] {"data", "stringData"}) {
                secret.path(field).properties().forEach(entry -> keys.add(field + "/" + entry.getKey()));
            }
        }
        for (String key : keys) {
            String field = key.substring(0, key.indexOf('/'));
            String name = key.substring(key.indexOf('/') + 1);
            Map<String, String> masks = new HashMap<>();
            for (ObjectNode secret : secrets) {
                if (secret.get(field) instanceof ObjectNode values && values.has(name)) {
                    String value = values.get(name).asText();
                    String mask = masks.computeIfAbsent(value, v -> FIRST_MASK + MASK_STEP.repeat(masks.size()));
                    values.put(name, mask);
                }
            }
        }
    }
}
