package io.gitops4j.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.kube.Yaml;
import org.junit.jupiter.api.Test;

/** Custom resource types read from their definitions' structural schemas. */
class StructuralSchemasTest {

    private final ObjectType widget = StructuralSchemas.ofDefinition(Yaml.readDocuments("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets}
              versions:
              - name: v1
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          ports:
                            type: array
                            x-kubernetes-list-type: map
                            x-kubernetes-list-map-keys: [port, protocol]
                            items:
                              type: object
                              properties:
                                port: {type: integer}
                                target: {x-kubernetes-int-or-string: true}
                          selector:
                            type: object
                            x-kubernetes-map-type: atomic
                            properties: {app: {type: string}}
                          settings:
                            type: object
                            additionalProperties: {type: string}
                          free:
                            type: object
                            x-kubernetes-preserve-unknown-fields: true
            """, "crd.yaml").get(0).body()).get("v1");

    @Test
    void listTypesMapTypesAndMapsComeFromTheSchema() {
        ObjectType spec = widget.field("spec").type();

        assertThat(spec.field("ports").listType()).isEqualTo(ListType.MAP);
        assertThat(spec.field("ports").listMapKeys()).containsExactly("port", "protocol");
        assertThat(spec.field("ports").type().field("target").format()).isEqualTo(ValueFormat.INT_OR_STRING);
        assertThat(spec.field("selector").type().isAtomic()).isTrue();
        assertThat(spec.field("settings").type().isMap()).isTrue();
        assertThat(spec.field("free").type().isUntyped()).isTrue();
    }

    @Test
    void metadataIsReadAsObjectMetaWhateverTheSchemaSays() {
        assertThat(widget.field("metadata").type().name()).isEqualTo("meta.v1.ObjectMeta");
        assertThat(widget.field("metadata").type().field("finalizers").listType()).isEqualTo(ListType.SET);
    }
}
