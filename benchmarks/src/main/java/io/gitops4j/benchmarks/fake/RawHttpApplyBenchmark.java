package io.gitops4j.benchmarks.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The HTTP fake cluster's own capacity: the same server-side applies as
 * {@link HttpFakeClusterBenchmark}, sent by the JDK's HTTP client as ready-made request bodies, so
 * that what is measured is the server (routing, decoding, the apply, encoding the answer) rather
 * than fabric8 building requests. Client and server share the machine's cores.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class RawHttpApplyBenchmark {

    private FakeApiServer server;
    private HttpClient client;
    private HttpRequest[][] deploymentApplies;
    private HttpRequest[][] configMapApplies;
    private final AtomicInteger next = new AtomicInteger();

    @Setup
    public void setUp() {
        FakeCluster fake = new FakeCluster();
        Workload.fill(fake);
        server = FakeApiServer.start(fake);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        deploymentApplies = requests(Workload.configurations((i, variant) -> Workload.deployment(i, 2 - variant)),
                "/apis/apps/v1/namespaces/default/deployments/");
        configMapApplies = requests(Workload.configurations((i, variant) -> Workload.configMap(i, variant == 0 ? "blue"
                : "green")), "/api/v1/namespaces/default/configmaps/");
    }

    @TearDown
    public void tearDown() {
        server.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int serverSideApplyDeployment() throws IOException, InterruptedException {
        return send(deploymentApplies);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int serverSideApplyConfigMap() throws IOException, InterruptedException {
        return send(configMapApplies);
    }

    /** Four clients at once. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public int serverSideApplyConfigMapFourClients() throws IOException, InterruptedException {
        return send(configMapApplies);
    }

    private int send(HttpRequest[][] requests) throws IOException, InterruptedException {
        int count = next.getAndIncrement();
        HttpRequest request = requests[count % requests.length][(count / requests.length) % 2];
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the apply answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body().length;
    }

    private HttpRequest[][] requests(ObjectNode[][] configurations, String collection) {
        HttpRequest[][] requests = new HttpRequest[configurations.length][2];
        for (int i = 0; i < configurations.length; i++) {
            for (int variant = 0; variant < 2; variant++) {
                ObjectNode configuration = configurations[i][variant];
                URI uri = URI.create(server.url() + collection + KubernetesObjects.name(configuration)
                        + "?fieldManager=" + Workload.APPLIER.fieldManager());
                requests[i][variant] = HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/apply-patch+yaml")
                        .header("Accept", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(Json.write(configuration)
                                .getBytes(StandardCharsets.UTF_8)))
                        .build();
            }
        }
        return requests;
    }
}
