package io.gitops4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects a fake Kubernetes cluster into a JUnit 5 test: a field or parameter of one of these
 * types gets a fresh one for every test method, shared by everything injected into that method.
 *
 * <ul>
 *   <li>{@link io.gitops4j.fake.FakeCluster} (or {@link io.gitops4j.cluster.Cluster}): the
 *       in-process cluster, on a {@link io.gitops4j.fake.ManualClock} that starts at the
 *       current time (whole seconds) and stands still until advanced;
 *   <li>{@link io.gitops4j.fake.ManualClock}: that clock;
 *   <li>{@link io.fabric8.kubernetes.client.KubernetesClient}: a fabric8 client of the same
 *       cluster served over HTTP (the server starts on first use), namespace {@code default};
 *   <li>{@link io.gitops4j.fake.FakeApiServer}: that HTTP server (its kubeconfig for other
 *       clients);
 *   <li>{@link io.gitops4j.k8s.fabric8.Fabric8Cluster}: GitOps4J's fabric8 adapter over that
 *       client, to run code against the real fabric8 path;
 *   <li>{@link io.gitops4j.core.GitOps}: the facade on the in-process cluster, its clock and a
 *       {@link FakeClusterPacer}, with a Git cache in a directory removed after the test: a
 *       sync's waits for waves, hooks and health move the clock and tick the simulated
 *       controllers instead of sleeping, so a multi-wave sync takes milliseconds;
 *       {@link io.gitops4j.core.GitOps.Builder}: the same, to configure further
 *       ({@code .health(...)}, {@code .renderer(...)}) before {@code build()};
 *   <li>{@link io.gitops4j.k8s.sync.engine.SyncEngine}: the sync engine wired the same way;
 *   <li>{@link io.gitops4j.k8s.sync.engine.StepPacer} (or {@link FakeClusterPacer}): that pacer,
 *       for code that builds its own engine.
 * </ul>
 *
 * <pre>{@code
 * class ReconcilerTest {
 *     @FakeKubernetes FakeCluster cluster;
 *
 *     @Test
 *     void createsTheConfigMap(@FakeKubernetes KubernetesClient client) {
 *         new MyReconciler(client).reconcile();
 *         assertThat(cluster.get("v1", "ConfigMap", "default", "settings")).isPresent();
 *     }
 * }
 * }</pre>
 *
 * <p>Everything started for a test is stopped after it.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FakeKubernetesExtension.class)
public @interface FakeKubernetes {
}
