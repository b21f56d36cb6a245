/**
 * Replicas of the controller that share the Applications, as Argo CD shards its application
 * controller: which shard an Application belongs to ({@link io.gitops4j.core.crd.sharding.ApplicationShards},
 * by destination cluster with Argo CD's {@code legacy} algorithm,
 * {@link io.gitops4j.core.crd.sharding.LegacyShardFunction}), and the {@code coordination.k8s.io/v1}
 * Leases through which each replica holds its shards
 * ({@link io.gitops4j.core.crd.sharding.ShardLeases}, configured by
 * {@link io.gitops4j.core.crd.sharding.ShardingSettings}).
 */
package io.gitops4j.core.crd.sharding;
