package io.gitops4j.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.internal.JsonValues;
import io.gitops4j.diff.patch.JsonPatch;
import io.gitops4j.diff.patch.StrategicMergePatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.ResourceKey;

/**
 * Properties over many objects: every fixture object and seeded random mutations of them.
 * diff(x, x) is never modified; the RFC 6902 operations turn normalized live into predicted live;
 * a two-way strategic merge patch turns its original into its target.
 */
class DiffPropertiesTest {

    private static final int MUTANTS_PER_OBJECT = 40;

    private final ResourceDiffer differ = ResourceDiffer.defaults();

    @Test
    void anObjectComparedWithItselfIsNeverModified() throws Exception {
        for (ObjectNode object : corpus()) {
            DiffResult result = differ.diff(object, object);
            assertThat(result.modified()).as("%s", object).isFalse();
            assertThat(result.patch()).isEmpty();
        }
    }

    @Test
    void theOperationsTurnNormalizedLiveIntoPredictedLive() throws Exception {
        List<ObjectNode> corpus = corpus();
        Random random = new Random(7);
        int modified = 0;
        for (int i = 0; i < corpus.size(); i++) {
            ObjectNode live = corpus.get(i);
            ObjectNode desired = corpus.get(random.nextInt(corpus.size()));
            if (!ResourceKey.of(desired).equals(ResourceKey.of(live))) {
                desired = mutate(live, random);
            }
            DiffResult result = differ.diff(desired, live);
            assertThat(JsonValues.equal(JsonPatch.apply(result.normalizedLive(), result.patch()), result.predictedLive()))
                    .as("%s vs %s", desired, live).isTrue();
            modified += result.modified() ? 1 : 0;
        }
        assertThat(modified).as("the corpus exercises changes").isGreaterThan(corpus.size() / 4);
    }

    @Test
    void aTwoWayStrategicMergePatchTurnsItsOriginalIntoItsTarget() throws Exception {
        Random random = new Random(11);
        for (ObjectNode original : corpus()) {
            ObjectNode target = mutate(original, random);
            ObjectNode patch = StrategicMergePatch.createTwoWay(original, target);
            assertThat(StrategicMergePatch.apply(original, patch)).as("patch %s", patch).isEqualTo(target);
        }
    }

    /** Every fixture object, and mutants of each. */
    private static List<ObjectNode> corpus() throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        Path root = FixtureFolders.path("/diff");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith("desired.yaml") || f.toString().endsWith("live.yaml")).sorted().toList()) {
                objects.add(Yaml.readDocuments(Files.readString(file), file.toString()).get(0).body());
            }
        }
        Random random = new Random(3);
        List<ObjectNode> all = new ArrayList<>(objects);
        for (ObjectNode object : objects) {
            for (int i = 0; i < MUTANTS_PER_OBJECT / 10; i++) {
                all.add(mutate(object, random));
            }
        }
        return all;
    }

    /** A copy with a few random edits below {@code spec}, {@code data} or labels: values changed, fields dropped or added, lists reordered. */
    static ObjectNode mutate(ObjectNode object, Random random) {
        ObjectNode copy = object.deepCopy();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            JsonNode start = copy.has("spec") ? copy.get("spec") : copy.has("data") ? copy.get("data") : copy.get("metadata");
            if (start instanceof ObjectNode target) {
                edit(target, random);
            }
        }
        return copy;
    }

    private static void edit(ObjectNode node, Random random) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty() || random.nextInt(6) == 0) {
            node.put("x" + random.nextInt(1000), "v" + random.nextInt(1000));
            return;
        }
        String name = names.get(random.nextInt(names.size()));
        JsonNode value = node.get(name);
        if (value instanceof ObjectNode child && random.nextInt(3) > 0) {
            edit(child, random);
        } else if (value instanceof ArrayNode list && !list.isEmpty() && random.nextInt(3) > 0) {
            JsonNode item = list.get(random.nextInt(list.size()));
            if (item instanceof ObjectNode itemObject && random.nextBoolean()) {
                edit(itemObject, random);
            } else if (list.size() > 1 && random.nextBoolean()) {
                list.insert(0, list.remove(list.size() - 1));
            } else {
                list.remove(random.nextInt(list.size()));
            }
        } else if (random.nextBoolean()) {
            node.remove(name);
        } else {
            node.put(name, "changed-" + random.nextInt(1000));
        }
    }
}
