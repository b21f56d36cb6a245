package io.gitops4j.diff.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesSchemaTest {

    private final KubernetesSchema schema = KubernetesSchema.builtIn();

    @Test
    void containersMergeByNameAndPortsAreKeyedByPortAndProtocol() {
        ObjectType podSpec = podSpecOf("apps/v1", "Deployment");

        FieldSchema containers = podSpec.field("containers");
        assertThat(containers.patchMergeKey()).isEqualTo("name");
        assertThat(containers.mergesList()).isTrue();
        assertThat(containers.listType()).isEqualTo(ListType.MAP);
        assertThat(containers.listMapKeys()).isEqualTo(List.of("name"));
        assertThat(containers.type().field("ports").listMapKeys()).isEqualTo(List.of("containerPort", "protocol"));
        assertThat(containers.type().field("args").listType()).isEqualTo(ListType.ATOMIC);
        assertThat(podSpec.field("volumes").retainsKeys()).isTrue();
    }

    @Test
    void formatsAndAtomicStructsAreKnown() {
        ObjectType container = podSpecOf("apps/v1", "Deployment").field("containers").type();

        assertThat(container.field("resources").type().field("limits").type().isMap()).isTrue();
        assertThat(container.field("resources").type().field("limits").type().field("cpu").format()).isEqualTo(ValueFormat.QUANTITY);
        assertThat(schema.typeOf("v1", "Service").field("spec").type().field("ports").type().field("targetPort").format())
                .isEqualTo(ValueFormat.INT_OR_STRING);
        assertThat(schema.typeOf("apps/v1", "Deployment").field("spec").type().field("selector").type().isAtomic()).isTrue();
        assertThat(schema.typeOf("v1", "Pod").field("metadata").type().field("finalizers").listType()).isEqualTo(ListType.SET);
    }

    @Test
    void unknownKindsAreUntypedAndMissingVersionsFallBackToTheirGroup() {
        assertThat(schema.typeOf("example.com/v1", "Widget").isUntyped()).isTrue();
        assertThat(schema.typeOf("example.com/v1", "Widget").field("spec")).isEqualTo(FieldSchema.UNTYPED);
        assertThat(schema.typeOf("apps/v1beta2", "Deployment").name()).isEqualTo("apps.v1.Deployment");
        assertThat(schema.isKnown("autoscaling/v2", "HorizontalPodAutoscaler")).isTrue();
    }

    @Test
    void handAddedFieldsOfNewerKubernetesVersionsAreThere() {
        assertThat(podSpecOf("v1", "PodTemplate").field("schedulingGates").listMapKeys()).isEqualTo(List.of("name"));
    }

    private ObjectType podSpecOf(String apiVersion, String kind) {
        ObjectType type = schema.typeOf(apiVersion, kind);
        return type.field("spec").type().field("template").type().field("spec").type().isUntyped()
                ? type.field("template").type().field("spec").type()
                : type.field("spec").type().field("template").type().field("spec").type();
    }
}
