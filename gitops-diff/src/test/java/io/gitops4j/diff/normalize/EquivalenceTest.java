package io.gitops4j.diff.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Quantity;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class EquivalenceTest {

    private final ObjectType pod = KubernetesSchema.builtIn().typeOf("v1", "Pod");

    @Test
    void quantitiesCompareByValue() {
        assertThat(Quantity.equal("1000m", "1")).isTrue();
        assertThat(Quantity.equal("1Gi", "1024Mi")).isTrue();
        assertThat(Quantity.equal("0.5", "500m")).isTrue();
        assertThat(Quantity.equal("1e3", "1k")).isTrue();
        assertThat(Quantity.equal("1G", "1Gi")).isFalse();
        assertThat(Quantity.parse("12Zi")).isEmpty();
        assertThat(Quantity.parse("1.5Ki")).contains(new BigDecimal("1536.0"));
        assertThat(equivalent("{\"resources\":{\"limits\":{\"cpu\":\"1000m\",\"memory\":\"1Gi\"}}}",
                "{\"resources\":{\"limits\":{\"cpu\":1,\"memory\":\"1024Mi\"}}}")).isTrue();
    }

    @Test
    void quantitiesHaveTheServersCanonicalSpelling() {
        assertThat(Quantity.canonical("1000m")).contains("1");
        assertThat(Quantity.canonical("0.1")).contains("100m");
        assertThat(Quantity.canonical("1500m")).contains("1500m");
        assertThat(Quantity.canonical("0.5Gi")).contains("512Mi");
        assertThat(Quantity.canonical("1024Mi")).contains("1Gi");
        assertThat(Quantity.canonical("512Ki")).contains("512Ki");
        assertThat(Quantity.canonical("1.1Ki")).as("a binary fraction falls back to decimal").contains("1126400m");
        assertThat(Quantity.canonical("2000")).contains("2k");
        assertThat(Quantity.canonical("129e6")).contains("129e6");
        assertThat(Quantity.canonical("0.0001m")).contains("100n");
        assertThat(Quantity.canonical("0Mi")).contains("0");
        assertThat(Quantity.canonical("lots")).isEmpty();
    }

    @Test
    void quantitiesAreOnlyReadAsQuantitiesWhereTheSchemaSaysSo() {
        assertThat(equivalent("{\"name\":\"1000m\"}", "{\"name\":\"1\"}")).isFalse();
    }

    @Test
    void emptyNullAndAbsentAreAlike() {
        assertThat(equivalent("{\"name\":\"c\",\"env\":[],\"resources\":{},\"args\":null}", "{\"name\":\"c\"}")).isTrue();
        assertThat(equivalent("{\"name\":\"c\",\"env\":[{\"name\":\"A\"}]}", "{\"name\":\"c\"}")).isFalse();
    }

    @Test
    void intOrStringNumbersEqualTheirText() {
        assertThat(equivalent("{\"ports\":[{\"containerPort\":80}],\"livenessProbe\":{\"httpGet\":{\"port\":\"8080\"}}}",
                "{\"ports\":[{\"containerPort\":80.0}],\"livenessProbe\":{\"httpGet\":{\"port\":8080}}}")).isTrue();
        assertThat(equivalent("{\"livenessProbe\":{\"httpGet\":{\"port\":\"http\"}}}",
                "{\"livenessProbe\":{\"httpGet\":{\"port\":8080}}}")).isFalse();
    }

    @Test
    void listOrderMatters() {
        assertThat(equivalent("{\"args\":[\"a\",\"b\"]}", "{\"args\":[\"b\",\"a\"]}")).isFalse();
    }

    private boolean equivalent(String containerA, String containerB) {
        String pre = "{\"spec\":{\"containers\":[";
        return Equivalence.equivalent(Json.parseObject(pre + containerA + "]}}", "a"),
                Json.parseObject(pre + containerB + "]}}", "b"), pod);
    }
}
