package io.gitops4j.diff.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.patch.StrategicMergePatch;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: strategic merge patches made of random Kubernetes-like objects and directives
 * ({@code $patch}, {@code $retainKeys}, {@code $setElementOrder}, {@code $deleteFromPrimitiveList},
 * nulls, lists with and without merge keys) give a result or a {@code PatchException}, in every
 * direction: apply, apply as Kustomize does, two-way and three-way creation.
 */
class StrategicMergePatchFuzzTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[][] TYPES = {{"apps/v1", "Deployment"}, {"v1", "Service"}, {"v1", "ConfigMap"},
        {"v1", "Pod"}, {"example.com/v1", "Widget"}, {"batch/v1", "CronJob"}};
    private static final String[] FIELDS = {"spec", "template", "containers", "name", "image", "ports",
        "containerPort", "env", "value", "args", "volumes", "selector", "matchLabels", "data", "metadata",
        "labels", "initContainers", "tolerations", "key", "$patch", "$retainKeys", "finalizers",
        "$setElementOrder/containers", "$deleteFromPrimitiveList/args", "$setElementOrder/ports", "jobTemplate"};
    private static final String[] DIRECTIVES = {"replace", "delete", "merge", "bogus"};

    @Test
    void patchesGiveAResultOrAPatchException() {
        FuzzRun.run("strategic-merge-patch", 4_000, 29L, StrategicMergePatchFuzzTest::case_,
                StrategicMergePatchFuzzTest::patchEveryWay);
    }

    private record Case(ObjectNode original, ObjectNode patch, ObjectNode modified, ObjectNode current) {
        @Override
        public String toString() {
            return "original: " + original + "\npatch: " + patch + "\nmodified: " + modified + "\ncurrent: " + current;
        }
    }

    private static Case case_(Random random) {
        String[] type = TYPES[random.nextInt(TYPES.length)];
        ObjectNode original = object(random, type, 4);
        ObjectNode patch = random.nextInt(4) == 0 ? object(random, type, 4) : mutate(random, original.deepCopy(), 4);
        ObjectNode modified = mutate(random, original.deepCopy(), 4);
        ObjectNode current = mutate(random, original.deepCopy(), 4);
        return new Case(original, patch, modified, current);
    }

    private static void patchEveryWay(Case c) {
        StrategicMergePatch.apply(c.original().deepCopy(), c.patch().deepCopy());
        StrategicMergePatch.applyLikeKustomize(c.original().deepCopy(), c.patch().deepCopy());
        StrategicMergePatch.createTwoWay(c.original().deepCopy(), c.modified().deepCopy());
        StrategicMergePatch.createThreeWay(c.original().deepCopy(), c.modified().deepCopy(), c.current().deepCopy());
    }

    private static ObjectNode object(Random random, String[] type, int depth) {
        ObjectNode object = JSON.objectNode();
        object.put("apiVersion", type[0]);
        object.put("kind", type[1]);
        object.putObject("metadata").put("name", "n" + random.nextInt(3));
        object.set("spec", mapping(random, depth));
        return object;
    }

    private static JsonNode value(Random random, int depth) {
        int kind = depth <= 0 ? 5 + random.nextInt(4) : random.nextInt(9);
        return switch (kind) {
            case 0, 1 -> mapping(random, depth - 1);
            case 2, 3 -> list(random, depth - 1);
            case 4 -> JSON.textNode(DIRECTIVES[random.nextInt(DIRECTIVES.length)]);
            case 5 -> JSON.textNode("v" + random.nextInt(4));
            case 6 -> JSON.numberNode(random.nextInt(5));
            case 7 -> JSON.nullNode();
            default -> JSON.booleanNode(random.nextBoolean());
        };
    }

    private static ObjectNode mapping(Random random, int depth) {
        ObjectNode object = JSON.objectNode();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
            object.set(FIELDS[random.nextInt(FIELDS.length)], value(random, depth));
        }
        return object;
    }

    private static ArrayNode list(Random random, int depth) {
        ArrayNode array = JSON.arrayNode();
        int size = random.nextInt(5);
        boolean objects = random.nextBoolean();
        for (int i = 0; i < size; i++) {
            if (objects) {
                ObjectNode element = mapping(random, depth);
                if (random.nextInt(3) > 0) {
                    element.put(random.nextBoolean() ? "name" : "containerPort", "e" + random.nextInt(3));
                }
                array.add(element);
            } else {
                array.add(value(random, 0));
            }
        }
        return array;
    }

    /** Changes, removes or adds a few fields anywhere in the tree, directives included. */
    private static ObjectNode mutate(Random random, ObjectNode object, int depth) {
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            JsonNode target = object;
            for (int d = 0; d < depth && target.isContainerNode() && target.size() > 0 && random.nextBoolean(); d++) {
                JsonNode next = target.isObject()
                        ? target.get(fieldAt(random, (ObjectNode) target)) : target.get(random.nextInt(target.size()));
                if (!next.isContainerNode()) {
                    break;
                }
                target = next;
            }
            if (target instanceof ObjectNode map) {
                String field = random.nextInt(3) == 0 || map.isEmpty() ? FIELDS[random.nextInt(FIELDS.length)]
                        : fieldAt(random, map);
                map.set(field, value(random, 2));
            } else if (target instanceof ArrayNode array) {
                if (array.size() > 0 && random.nextBoolean()) {
                    array.remove(random.nextInt(array.size()));
                } else {
                    array.add(value(random, 2));
                }
            }
        }
        return object;
    }

    private static String fieldAt(Random random, ObjectNode map) {
        int index = random.nextInt(map.size());
        var names = map.fieldNames();
        for (int i = 0; i < index; i++) {
            names.next();
        }
        return names.next();
    }
}
