package io.gitops4j.core.crd.sharding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Argo CD's {@code legacy} distribution, against the values of Argo CD's own tests
 * ({@code controller/sharding/sharding_test.go}, {@code TestLegacyGetClusterFilterWithFixedShard})
 * and values computed with Go's {@code hash/fnv} algorithm (FNV-1a, 32 bits) for Secret uids.
 */
class LegacyShardFunctionTest {

    @Test
    void theValuesOfArgoCdsOwnTest() {
        assertThat(LegacyShardFunction.shardOf("1", 5)).isEqualTo(4);
        assertThat(LegacyShardFunction.shardOf("2", 5)).isEqualTo(1);
        assertThat(LegacyShardFunction.shardOf("3", 5)).isEqualTo(2);
        assertThat(LegacyShardFunction.shardOf("4", 5)).isEqualTo(2);
    }

    @Test
    void fnv32aOfSecretUidsAsGoComputesIt() {
        assertThat(LegacyShardFunction.fnv32a("")).isEqualTo(0x811c9dc5);
        assertThat(LegacyShardFunction.fnv32a("1")).isEqualTo(0x340ca71c);
        assertThat(LegacyShardFunction.fnv32a("5c4e2bf4-6b5d-4f0e-9a57-0d4e2d8ac1f1")).isEqualTo(0xa20c29c3);
        assertThat(LegacyShardFunction.fnv32a("0b1e1c7a-2f6c-4b8e-8d2f-3a5c6e7f8a9b")).isEqualTo(0x1e728ff1);
    }

    @Test
    void theHashIsTakenUnsignedModuloTheReplicas() {
        // 0xa20c29c3 is negative as a Java int: 2718706115 % 3 = 2, 2718706115 % 2 = 1
        assertThat(LegacyShardFunction.shardOf("5c4e2bf4-6b5d-4f0e-9a57-0d4e2d8ac1f1", 2)).isEqualTo(1);
        assertThat(LegacyShardFunction.shardOf("5c4e2bf4-6b5d-4f0e-9a57-0d4e2d8ac1f1", 3)).isEqualTo(2);
        assertThat(LegacyShardFunction.shardOf("0b1e1c7a-2f6c-4b8e-8d2f-3a5c6e7f8a9b", 2)).isEqualTo(1);
        assertThat(LegacyShardFunction.shardOf("0b1e1c7a-2f6c-4b8e-8d2f-3a5c6e7f8a9b", 3)).isEqualTo(0);
    }

    @Test
    void aClusterWithoutIdAndASingleReplicaAreShardZero() {
        assertThat(LegacyShardFunction.shardOf("", 5)).isZero();
        assertThat(LegacyShardFunction.shardOf("anything", 1)).isZero();
    }

    @Test
    void noReplicasIsRefused() {
        assertThatThrownBy(() -> LegacyShardFunction.shardOf("1", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replicas");
    }
}
