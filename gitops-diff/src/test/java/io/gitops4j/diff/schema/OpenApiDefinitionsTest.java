package io.gitops4j.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.patch.StrategicMergePatch;
import io.gitops4j.kube.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDefinitionsTest {

    private static final String DOCUMENT = """
            {"definitions": {
              "com.example.v1.Pipeline": {
                "properties": {"spec": {"$ref": "#/definitions/com.example.v1.Spec"}},
                "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Pipeline"}]},
              "com.example.v1.Spec": {"properties": {
                "steps": {"type": "array", "items": {"$ref": "#/definitions/com.example.v1.Step"},
                  "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
                "template": {"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}}},
              "com.example.v1.Step": {"properties": {
                "name": {"type": "string"},
                "then": {"type": "array", "items": {"$ref": "#/definitions/com.example.v1.Step"},
                  "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"}}}
            }}""";

    @Test
    void aCustomKindsListsMergeByTheKeyItsDocumentDeclares() {
        KubernetesSchema schema = KubernetesSchema.ofKinds(OpenApiDefinitions.kinds(json(DOCUMENT)));
        ObjectNode pipeline = json("""
                {"apiVersion":"example.com/v1","kind":"Pipeline","metadata":{"name":"p"},
                 "spec":{"steps":[{"name":"build","image":"b:1","then":[{"name":"test","image":"t:1"}]}]}}""");
        ObjectNode patch = json("""
                {"apiVersion":"example.com/v1","kind":"Pipeline","metadata":{"name":"p"},
                 "spec":{"steps":[{"name":"build","then":[{"name":"lint","image":"l:1"}]}]}}""");

        ObjectNode merged = StrategicMergePatch.applyLikeKustomize(pipeline, patch, schema);

        assertThat(merged.at("/spec/steps/0/image").asText()).as("the step merged by name").isEqualTo("b:1");
        assertThat(merged.at("/spec/steps/0/then").toString()).as("a recursive definition merges too")
                .isEqualTo("[{\"name\":\"lint\",\"image\":\"l:1\"},{\"name\":\"test\",\"image\":\"t:1\"}]");
        assertThat(StrategicMergePatch.applyLikeKustomize(pipeline, patch).at("/spec/steps/0/image").isMissingNode())
                .as("without the document the list is replaced").isTrue();
    }

    @Test
    void aReferenceToKubernetesOwnDefinitionIsTheBuiltInOneOnlyWhenAsked() {
        Map<String, ObjectType> alone = OpenApiDefinitions.kinds(json(DOCUMENT));
        Map<String, ObjectType> withBuiltIn = OpenApiDefinitions.kinds(json(DOCUMENT), true);

        assertThat(alone.get("example.com/v1/Pipeline").field("spec").type().field("template").type().isUntyped())
                .isTrue();
        assertThat(withBuiltIn.get("example.com/v1/Pipeline").field("spec").type().field("template").type()
                .field("spec").type().field("containers").patchMergeKey()).isEqualTo("name");
    }

    @Test
    void aCoreGroupKindIsKeyedByVersionAlone() {
        Map<String, ObjectType> kinds = OpenApiDefinitions.kinds(json("""
                {"definitions": {"Thing": {"properties": {"a": {"type": "string"}},
                  "x-kubernetes-group-version-kind": [{"group": "", "version": "v1", "kind": "Thing"}]}}}"""));

        assertThat(kinds).containsOnlyKeys("v1/Thing");
    }

    @Test
    void inlineSchemasNestingBeyondTheBoundAreRefused() {
        String nested = "{\"type\": \"string\"}";
        for (int i = 0; i < OpenApiDefinitions.MAX_DEPTH + 5; i++) {
            nested = "{\"properties\": {\"x\": " + nested + "}}";
        }
        JsonNode document = json("{\"definitions\": {\"Deep\": {\"properties\": {\"spec\": " + nested
                + "}, \"x-kubernetes-group-version-kind\": [{\"group\": \"g\", \"version\": \"v1\", \"kind\": \"Deep\"}]}}}");

        assertThatThrownBy(() -> OpenApiDefinitions.kinds(document))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deeper than 64 levels");
    }

    @Test
    void chainsOfReferencesBeyondTheBoundAreRefused() {
        StringBuilder definitions = new StringBuilder("{\"definitions\": {");
        int length = OpenApiDefinitions.MAX_DEPTH + 10;
        for (int i = 0; i < length; i++) {
            definitions.append("\"D").append(i).append("\": {\"properties\": {\"next\": {\"$ref\": \"#/definitions/D")
                    .append(i + 1).append("\"}}");
            if (i == 0) {
                definitions.append(", \"x-kubernetes-group-version-kind\": [{\"group\": \"g\", \"version\": \"v1\", "
                        + "\"kind\": \"Chain\"}]");
            }
            definitions.append("},");
        }
        definitions.append("\"D").append(length).append("\": {\"type\": \"object\"}}}");

        assertThatThrownBy(() -> OpenApiDefinitions.kinds(json(definitions.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("references nest deeper than 64");
    }

    @Test
    void aDocumentWithoutDefinitionsOrWithRemoteReferencesIsRefused() {
        assertThatThrownBy(() -> OpenApiDefinitions.kinds(json("{\"swagger\": \"2.0\"}")))
                .hasMessageContaining("no 'definitions'");
        assertThatThrownBy(() -> OpenApiDefinitions.kinds(json("""
                {"definitions": {"K": {"properties": {"spec": {"$ref": "https://example.com/s.json#/x"}},
                  "x-kubernetes-group-version-kind": [{"group": "g", "version": "v1", "kind": "K"}]}}}""")))
                .hasMessageContaining("only local references");
    }

    private static ObjectNode json(String text) {
        return Json.parseObject(text, "test");
    }
}
