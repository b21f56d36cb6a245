package io.gitops4j.diff.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.diff.Json;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
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
