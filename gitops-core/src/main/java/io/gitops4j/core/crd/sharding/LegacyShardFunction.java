package io.gitops4j.core.crd.sharding;

import java.nio.charset.StandardCharsets;

/**
 * Argo CD's default ({@code legacy}) distribution of clusters over controller shards: the 32-bit
 * FNV-1a hash of the cluster's id (the uid of its cluster Secret) modulo the number of replicas;
 * a cluster without an id (the in-cluster destination declared by no Secret) is shard 0. The
 * numbers are Argo CD's, so a cluster lands on the same shard in both.
 */
public final class LegacyShardFunction {

    private static final int FNV32_OFFSET_BASIS = 0x811c9dc5;
    private static final int FNV32_PRIME = 0x01000193;

    private LegacyShardFunction() {
    }

    /**
     * The shard of a cluster.
     *
     * @param clusterId the cluster's id: its Secret's {@code metadata.uid}; empty for a cluster
     *     without a Secret
     * @param replicas how many shards there are, at least 1
     * @return the shard, from 0 to {@code replicas - 1}
     */
    public static int shardOf(String clusterId, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, not " + replicas);
        }
        if (clusterId.isEmpty()) {
            return 0;
        }
        return Integer.remainderUnsigned(fnv32a(clusterId), replicas);
    }

    /** FNV-1a, 32 bits, over the UTF-8 bytes (Go's {@code hash/fnv.New32a}). */
    static int fnv32a(String text) {
        int hash = FNV32_OFFSET_BASIS;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV32_PRIME;
        }
        return hash;
    }
}
