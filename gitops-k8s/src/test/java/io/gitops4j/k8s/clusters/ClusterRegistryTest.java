package io.gitops4j.k8s.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.fake.FakeCluster;
import io.gitops4j.fake.ManualClock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Destinations resolved as Argo CD resolves them, over clusters given as in-memory fake clusters. */
class ClusterRegistryTest {

    private final ClusterRegistry registry = ClusterRegistry.builder().concurrencyPerCluster(2).build();

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void aDestinationFindsItsClusterByServerOrByName() {
        FakeCluster staging = new FakeCluster();
        registry.register("staging", "https://staging.example.com:6443/", staging);

        assertThat(registry.resolve("https://staging.example.com:6443", "").cluster()).isSameAs(staging);
        assertThat(registry.resolve("https://staging.example.com:6443/", "").cluster()).isSameAs(staging);
        assertThat(registry.resolve("", "staging").cluster()).isSameAs(staging);
        assertThat(registry.resolve("", "staging").connectionState().status()).isEqualTo(ConnectionStatus.SUCCESSFUL);
    }

    @Test
    void theLocalClusterIsKubernetesDefaultSvcAndInCluster() {
        FakeCluster local = new FakeCluster();
        registry.registerLocal(local);

        assertThat(registry.resolve("https://kubernetes.default.svc", "").cluster()).isSameAs(local);
        assertThat(registry.resolve("", "in-cluster").cluster()).isSameAs(local);
        assertThat(registry.resolve("", "in-cluster").name()).isEqualTo("in-cluster");
    }

    @Test
    void theLocalClusterRenamedIsStillFoundAsInCluster() {
        FakeCluster local = new FakeCluster();
        registry.register("management", "https://kubernetes.default.svc", local);

        assertThat(registry.resolve("", "in-cluster").cluster()).isSameAs(local);
        assertThat(registry.resolve("", "management").cluster()).isSameAs(local);
    }

    @Test
    void aDestinationMustNameItsClusterOneWay() {
        registry.register("staging", "https://staging.example.com", new FakeCluster());

        assertThatThrownBy(() -> registry.resolve("https://staging.example.com", "staging"))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("sets both server https://staging.example.com and name 'staging'");
        assertThatThrownBy(() -> registry.resolve("", " "))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("sets neither server nor name");
    }

    @Test
    void anUnknownClusterIsAnErrorNamingItAndTheRegisteredOnes() {
        registry.register("staging", "https://staging.example.com", new FakeCluster());

        assertThatThrownBy(() -> registry.resolve("", "production"))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessage("there is no cluster named 'production' (registered: 'staging' (https://staging.example.com));"
                        + " register it, or fix destination.name");
        assertThatThrownBy(() -> registry.resolve("https://alice:s3cr3t-pass@prod.example.com", ""))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("no cluster with server https://***@prod.example.com is registered")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-pass"));
        assertThatThrownBy(() -> registry.resolve("", "in-cluster"))
                .hasMessageContaining("there is no cluster named 'in-cluster'");
    }

    @Test
    void twoClustersWithTheSameNameOrServerAreRefused() {
        registry.register("staging", "https://staging.example.com", new FakeCluster());

        assertThatThrownBy(() -> registry.register("staging", "https://other.example.com", new FakeCluster()))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("a cluster named 'staging' is already registered ('staging' (https://staging.example.com))");
        assertThatThrownBy(() -> registry.register("other", "https://staging.example.com/", new FakeCluster()))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("a cluster with server https://staging.example.com is already registered");
        assertThat(registry.clusters()).hasSize(1);
    }

    @Test
    void anUnregisteredServerCanBeRegisteredAgain() {
        registry.register("staging", "https://staging.example.com", new FakeCluster());

        assertThat(registry.unregister("https://staging.example.com/")).isTrue();
        assertThat(registry.unregister("https://staging.example.com")).isFalse();
        FakeCluster replacement = new FakeCluster();
        registry.register("staging", "https://staging.example.com", replacement);
        assertThat(registry.resolve("", "staging").cluster()).isSameAs(replacement);
    }

    @Test
    void aServerThatIsNotAUrlIsRefused() {
        assertThatThrownBy(() -> registry.register("x", "staging.example.com:6443", new FakeCluster()))
                .isInstanceOf(ClusterRegistryException.class)
                .hasMessageContaining("cluster 'x': server 'staging.example.com:6443' is not an http(s) URL with a host");
        assertThatThrownBy(() -> registry.register(" ", "https://x.example.com", new FakeCluster()))
                .hasMessageContaining("needs a name");
    }

    @Test
    void eachClusterHasItsOwnConcurrencyLimit() throws InterruptedException {
        registry.register("slow", "https://slow.example.com", new FakeCluster());
        registry.register("fast", "https://fast.example.com", new FakeCluster());
        ConcurrencyLimit slow = registry.resolve("", "slow").limit();
        ConcurrencyLimit fast = registry.resolve("", "fast").limit();

        ConcurrencyLimit.Permit first = slow.acquire();
        ConcurrencyLimit.Permit second = slow.acquire();
        assertThat(slow.tryAcquire()).isEmpty();
        Optional<ConcurrencyLimit.Permit> other = fast.tryAcquire();
        assertThat(other).isPresent();

        first.close();
        first.close();
        assertThat(slow.available()).isEqualTo(1);
        second.close();
        other.get().close();
        assertThat(slow.available()).isEqualTo(2);
        assertThat(fast.available()).isEqualTo(2);
    }

    @Test
    void theCheckIsStampedWithTheRegistrysClock() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-02T03:04:05Z"));
        try (ClusterRegistry clocked = ClusterRegistry.builder().clock(clock).build()) {
            RegisteredCluster registered = clocked.register("a", "https://a.example.com", new FakeCluster());

            assertThat(registered.connectionState().attemptedAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        }
    }

    @Test
    void credentialHoldingTypesNeverPrintTheirCredentials() {
        ClusterConfig config = new ClusterConfig("admin", "planted-password-4e4e", "planted-token-5b1c2d",
                new TlsClientConfig(false, "", "Y2E=", "Y2VydA==", "planted-key-7f3e9a"));
        ClusterDefinition definition = ClusterDefinition.of("x", "https://user:planted-url-pass@x.example.com", config);

        assertThat(definition.toString()).doesNotContain("planted").contains("https://***@x.example.com");
        assertThat(config.secrets()).containsExactly("planted-password-4e4e", "planted-token-5b1c2d", "planted-key-7f3e9a");
    }
}
