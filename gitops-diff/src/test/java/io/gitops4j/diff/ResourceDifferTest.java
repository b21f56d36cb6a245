package io.gitops4j.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ResourceDifferTest {

    private final ResourceDiffer differ = ResourceDiffer.defaults();

    @Test
    void fieldsTheServerAddsDoNotCount() {
        DiffResult result = diffFixture("server-fields-only");

        assertThat(result.modified()).isFalse();
        assertThat(result.patch()).isEmpty();
        assertThat(result.normalizedLive().at("/metadata/uid").isMissingNode()).isTrue();
        assertThat(result.normalizedLive().has("status")).isFalse();
    }

    @Test
    void aChangedFieldIsModifiedWithThePatchThatWouldApplyIt() {
        DiffResult result = diffFixture("replicas-changed");

        assertThat(result.modified()).isTrue();
        assertThat(result.predictedLive().at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(result.normalizedLive().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(Json.write(result.patch()))
                .isEqualTo("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]");
    }

    @Test
    void fieldsOnlyTheLiveObjectHasDoNotCount() {
        DiffResult result = diffFixture("controller-added-field");

        assertThat(result.modified()).isFalse();
        assertThat(result.predictedLive().at("/spec/clusterIP").asText()).isEqualTo("10.96.12.7");
    }

    @Test
    void numbersCompareByValueWhateverTheirJsonType() {
        ObjectNode desired = object("{\"apiVersion\":\"v1\",\"kind\":\"X\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"n\":2}}");
        ObjectNode live = object("{\"apiVersion\":\"v1\",\"kind\":\"X\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"n\":2.0}}");

        assertThat(differ.diff(desired, live).modified()).isFalse();
    }

    @Test
    void aStringIsNotEqualToTheNumberItSpells() {
        ObjectNode desired = object("{\"apiVersion\":\"v1\",\"kind\":\"X\",\"metadata\":{\"name\":\"a\"},\"data\":{\"n\":\"2\"}}");
        ObjectNode live = object("{\"apiVersion\":\"v1\",\"kind\":\"X\",\"metadata\":{\"name\":\"a\"},\"data\":{\"n\":2}}");

        assertThat(differ.diff(desired, live).modified()).isTrue();
    }

    @Test
    void anObjectAsTheServerStoresItAfterDefaultingIsUnchanged() {
        ObjectNode desired = read("replicas-changed", "desired.yaml");

        assertThat(differ.diff(desired, ServerDefaults.apply(desired)).modified()).isFalse();
    }

    @Test
    void anObjectDiffedWithItselfIsNeverModified() {
        for (String fixture : new String[] {"server-fields-only", "replicas-changed", "controller-added-field"}) {
            ObjectNode live = read(fixture, "live.yaml");
            assertThat(differ.diff(live, live).modified()).as(fixture).isFalse();
        }
    }

    @Test
    void theInputsAreNotModified() {
        ObjectNode desired = read("replicas-changed", "desired.yaml");
        ObjectNode live = read("replicas-changed", "live.yaml");
        ObjectNode desiredBefore = desired.deepCopy();
        ObjectNode liveBefore = live.deepCopy();

        differ.diff(desired, live);

        assertThat(desired).isEqualTo(desiredBefore);
        assertThat(live).isEqualTo(liveBefore);
    }

    private DiffResult diffFixture(String name) {
        return differ.diff(read(name, "desired.yaml"), read(name, "live.yaml"));
    }

    private static ObjectNode object(String json) {
        return Json.parseObject(json, "test");
    }

    static ObjectNode read(String fixture, String file) {
        String path = "/differ/" + fixture + "/" + file;
        try (var in = Objects.requireNonNull(ResourceDifferTest.class.getResourceAsStream(path), path)) {
            return Yaml.readDocuments(new String(in.readAllBytes(), StandardCharsets.UTF_8), path).get(0).body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
