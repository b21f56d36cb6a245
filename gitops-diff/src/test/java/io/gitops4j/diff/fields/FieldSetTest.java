package io.gitops4j.diff.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class FieldSetTest {

    private static final List<PathElement> REPLICAS = List.of(PathElement.field("spec"), PathElement.field("replicas"));

    @Test
    void theFieldsAnObjectSetsAreWhatTheApiServerRecordsForAnApply() {
        FieldSet fields = FieldSet.of(read("deployment-applied.yaml"));

        assertThat(fields.toFieldsV1()).isEqualTo(Json.parseObject(text("deployment-applied-fieldsV1.json"), "json"));
    }

    @Test
    void fieldsV1RoundTripsInTheServersOrder() {
        String fieldsV1 = text("deployment-applied-fieldsV1.json").trim();

        assertThat(Json.write(FieldSet.fromFieldsV1(Json.parseObject(fieldsV1, "json")).toFieldsV1())).isEqualTo(fieldsV1);
    }

    @Test
    void setOperationsWorkPathByPath() {
        FieldSet applied = FieldSet.of(read("deployment-applied.yaml"));
        FieldSet hpa = FieldSet.fromFieldsV1(Json.parseObject("{\"f:spec\":{\"f:replicas\":{}}}", "hpa"));

        assertThat(applied.contains(REPLICAS)).isTrue();
        assertThat(applied.contains(List.of(PathElement.field("spec")))).as("a prefix is not a member").isFalse();
        assertThat(applied.containsPrefix(List.of(PathElement.field("spec")))).isTrue();
        assertThat(applied.difference(hpa).contains(REPLICAS)).isFalse();
        assertThat(applied.intersection(hpa)).isEqualTo(hpa);
        assertThat(applied.difference(hpa).union(hpa)).isEqualTo(applied);
        assertThat(hpa.difference(applied).isEmpty()).isTrue();
        assertThat(applied.size()).isEqualTo(applied.paths().size());
    }

    @Test
    void keyedItemsSetItemsAndIndexesAreNamedAsInFieldsV1() {
        ObjectNode pod = Json.parseObject("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","finalizers":["a.example.com/x"]},
                 "spec":{"containers":[{"name":"c","ports":[{"containerPort":8080,"protocol":"UDP"}]}],
                  "tolerations":[{"key":"k","operator":"Exists"}]}}""", "pod");

        assertThat(FieldSet.of(pod).toString()).isEqualTo("{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"a.example.com/x\\\"\":{}}},"
                + "\"f:spec\":{\"f:containers\":{\"k:{\\\"name\\\":\\\"c\\\"}\":{\".\":{},\"f:name\":{},\"f:ports\":"
                + "{\"k:{\\\"containerPort\\\":8080,\\\"protocol\\\":\\\"UDP\\\"}\":{\".\":{},\"f:containerPort\":{},"
                + "\"f:protocol\":{}}}}},\"f:tolerations\":{}}}");
        assertThat(PathElement.parse("i:3")).isEqualTo(PathElement.index(3));
        assertThat(PathElement.parse("k:{\"port\":80.0,\"protocol\":\"TCP\"}").toString())
                .isEqualTo("k:{\"port\":80,\"protocol\":\"TCP\"}");
    }

    @Test
    void extractKeepsOnlyTheOwnedFieldsAndRemoveDropsThem() {
        ObjectNode live = read("deployment-applied.yaml");
        ((ObjectNode) live.at("/spec/template/spec/containers/0")).put("imagePullPolicy", "IfNotPresent");
        FieldSet image = FieldSet.fromFieldsV1(Json.parseObject("""
                {"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{"f:image":{}}}}}}}""",
                "json"));

        ObjectNode extracted = image.extractFrom(live);
        ObjectNode removed = image.removeFrom(live);

        assertThat(Json.write(extracted)).isEqualTo("{\"spec\":{\"replicas\":2,\"template\":{\"spec\":{\"containers\":[{\"image\":\"nginx:1.27\"}]}}}}");
        assertThat(removed.at("/spec/replicas").isMissingNode()).isTrue();
        assertThat(removed.at("/spec/template/spec/containers/0/image").isMissingNode()).isTrue();
        assertThat(removed.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    }

    @Test
    void managedFieldsEntriesAreReadFromTheObject() {
        ObjectNode live = Json.parseObject("""
                {"metadata":{"managedFields":[
                  {"manager":"gitops4j","operation":"Apply","apiVersion":"apps/v1","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}},
                  {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","subresource":"status","fieldsV1":{"f:status":{"f:replicas":{}}}}]}}""",
                "live");

        List<ManagedFieldsEntry> entries = ManagedFieldsEntry.of(live);

        assertThat(entries).extracting(ManagedFieldsEntry::manager).containsExactly("gitops4j", "kube-controller-manager");
        assertThat(entries.get(0).isApply()).isTrue();
        assertThat(entries.get(1).subresource()).isEqualTo("status");
        assertThat(entries.get(0).fields().contains(REPLICAS)).isTrue();
    }

    @Test
    void malformedFieldsV1IsAClearError() {
        JsonNode bad = Json.parseObject("{\"x:spec\":{}}", "bad");

        assertThatThrownBy(() -> FieldSet.fromFieldsV1(bad)).isInstanceOf(GitOpsException.class)
                .hasMessageContaining("x:spec");
    }

    static ObjectNode read(String name) {
        return Yaml.readDocuments(text(name), name).get(0).body();
    }

    static String text(String name) {
        try (InputStream in = Objects.requireNonNull(FieldSetTest.class.getResourceAsStream("/fields/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
