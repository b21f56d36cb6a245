package io.gitops4j.core.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ApplicationSummary;
import io.gitops4j.core.engine.ApplicationSyncStatus;
import io.gitops4j.core.engine.ComparedTo;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.InitiatedBy;
import io.gitops4j.core.engine.Operation;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.ResourceStatus;
import io.gitops4j.core.engine.RevisionHistory;
import io.gitops4j.core.engine.SyncOperationResult;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.engine.SyncStrategy;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.core.model.Applications;
import io.gitops4j.k8s.health.Health;
import io.gitops4j.k8s.health.HealthStatus;
import io.gitops4j.k8s.hooks.HookType;
import io.gitops4j.k8s.sync.OperationPhase;
import io.gitops4j.k8s.sync.ResourceAction;
import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncPhase;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.kube.Yaml;
import io.gitops4j.render.SourceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status and operation of an Application as Argo CD's JSON, and read back. */
class StatusDocumentsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T12:00:00Z");

    private final SpecDocuments specs = new SpecDocuments();
    private final OperationDocuments operations = new OperationDocuments(specs);
    private final StatusWriter writer = new StatusWriter(specs, operations);
    private final StatusReader reader = new StatusReader(specs, operations);

    private final ObjectNode object = (ObjectNode) Yaml.readDocuments("""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: shop
              namespace: argocd
            spec:
              source:
                repoURL: https://git.example.com/shop.git
                path: charts/shop
                targetRevision: main
                helm:
                  valueFiles: [values-prod.yaml]
              destination:
                server: https://kubernetes.default.svc
                namespace: shop
              ignoreDifferences:
              - group: apps
                kind: Deployment
                jsonPointers: [/spec/replicas]
            """, "shop.yaml").get(0).body();
    private final Application app = Applications.fromObject(object, "shop.yaml");

    @Test
    void everyFieldIsWrittenWithArgoCdsNamesAndReadBackToTheSameJson() {
        specs.remember(app, object);
        ApplicationStatus status = fullStatus();

        ObjectNode json = writer.write(status);

        assertThat(json.at("/sync/status").asText()).isEqualTo("OutOfSync");
        assertThat(json.at("/sync/comparedTo/source/helm/valueFiles/0").asText())
                .as("the source as the spec wrote it, options and all").isEqualTo("values-prod.yaml");
        assertThat(json.at("/sync/comparedTo/ignoreDifferences/0/jsonPointers/0").asText()).isEqualTo("/spec/replicas");
        assertThat(json.at("/resources/0/requiresPruning").asBoolean()).isTrue();
        assertThat(json.at("/resources/0/syncWave").asInt()).isEqualTo(2);
        assertThat(json.at("/resources/0").has("group")).as("omitempty, as Go writes it").isFalse();
        assertThat(json.at("/conditions/0/type").asText()).isEqualTo("SyncError");
        assertThat(json.at("/operationState/phase").asText()).isEqualTo("Failed");
        assertThat(json.at("/operationState/startedAt").asText()).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(json.at("/operationState/retryCount").asInt()).isEqualTo(1);
        assertThat(json.at("/operationState/operation/retry/backoff/maxDuration").asText()).isEqualTo("3m0s");
        assertThat(json.at("/operationState/syncResult/resources/1/hookType").asText()).isEqualTo("PreSync");
        assertThat(json.at("/operationState/syncResult/resources/1/hookPhase").asText()).isEqualTo("Failed");
        assertThat(json.at("/operationState/syncResult/resources/0/status").asText()).isEqualTo("Pruned");
        assertThat(json.at("/operationState/syncResult/resources/0/version").asText())
                .as("from status.resources").isEqualTo("v1");
        assertThat(json.at("/history/0/initiatedBy/username").asText()).isEqualTo("alice");
        assertThat(json.at("/summary/externalURLs/0").asText()).isEqualTo("https://shop.example.com");
        assertThat(json.at("/sourceType").asText()).isEqualTo("Helm");

        JsonNode again = writer.write(reader.read(normalized(json), "argocd/shop"));
        assertThat(again).isEqualTo(json);
    }

    @Test
    void aStatusReadBackKeepsWhatARestartNeeds() {
        specs.remember(app, object);
        ApplicationStatus status = fullStatus();

        ApplicationStatus read = new StatusReader(new SpecDocuments(), operations)
                .read(normalized(writer.write(status)), "argocd/shop");

        assertThat(read.history()).isEqualTo(status.history());
        assertThat(read.sync().comparedTo().orElseThrow().source()).isEqualTo(app.source());
        assertThat(read.operationState().orElseThrow().operation()).isEqualTo(status.operationState().orElseThrow().operation());
        assertThat(read.conditions()).isEqualTo(status.conditions());
    }

    @Test
    void aStatusWrittenByHandIsReadLeniently() {
        ApplicationStatus read = reader.read(normalized(json("""
                {"sync": {"status": "Whatever"}, "history": [{"id": 1, "revision": "abc"}],
                 "operationState": {"phase": "Succeeded", "operation": {"sync": {}}},
                 "conditions": [{"type": "OrphanedResourceWarning", "message": "x"}]}
                """)), "argocd/shop");

        assertThat(read.sync().status()).isEqualTo(SyncStatusCode.UNKNOWN);
        assertThat(read.history()).as("no source: left out").isEmpty();
        assertThat(read.operationState()).as("no startedAt: left out").isEmpty();
        assertThat(read.conditions()).isEmpty();
    }

    @Test
    void anOperationIsReadAsArgoCdsApiWritesIt() {
        Operation operation = operations.read(json("""
                {"sync": {"revision": "v1.2", "prune": true, "dryRun": true, "syncOptions": ["Replace=true"],
                          "resources": [{"group": "apps", "kind": "Deployment", "name": "web", "namespace": "shop"}]},
                 "initiatedBy": {"username": "alice"},
                 "retry": {"limit": 3, "backoff": {"duration": "10s", "factor": 3, "maxDuration": "5m"}}}
                """), "argocd/shop .operation");

        assertThat(operation.revision()).isEqualTo("v1.2");
        assertThat(operation.prune()).isTrue();
        assertThat(operation.dryRun()).isTrue();
        assertThat(operation.syncOptions()).containsExactly("Replace=true");
        assertThat(operation.resources()).containsExactly(new ResourceKey("apps", "Deployment", "shop", "web"));
        assertThat(operation.initiatedBy()).isEqualTo(InitiatedBy.user("alice"));
        assertThat(operation.retry()).isEqualTo(new RetryPolicy(3, Duration.ofSeconds(10), 3, Duration.ofMinutes(5)));
        assertThat(operations.read(operations.write(operation), "again")).isEqualTo(operation);
    }

    @Test
    void severalSourcesAreReadAndWrittenAsArgoCdWritesThem() {
        String entry = """
                {"id": 3, "revision": "aaa111,bbb222", "revisions": ["aaa111", "bbb222"],
                 "deployedAt": "2026-11-22T12:00:00Z", "deployStartedAt": "2026-11-22T11:59:50Z",
                 "source": {"repoURL": ""},
                 "sources": [{"repoURL": "https://git.example.com/shop.git", "path": "app", "targetRevision": "main"},
                             {"repoURL": "https://git.example.com/extras.git", "path": "extras"}],
                 "initiatedBy": {"username": "alice"}}
                """;
        ApplicationStatus read = reader.read(json("{\"history\": [" + entry + "]}"), "argocd/shop");

        RevisionHistory history = read.history().get(0);
        assertThat(history.revisions()).containsExactly("aaa111", "bbb222");
        assertThat(history.sources()).extracting(ApplicationSource::path).containsExactly("app", "extras");
        assertThat(history.source()).as("the zero source stands for the first").isEqualTo(history.sources().get(0));
        JsonNode written = writer.write(read).at("/history/0");
        assertThat(written.path("revisions")).isEqualTo(json("[\"aaa111\", \"bbb222\"]"));
        assertThat(written.at("/sources/1/repoURL").asText()).isEqualTo("https://git.example.com/extras.git");

        // the operation Argo CD's API server writes for a rollback to that entry
        Operation rollback = operations.read(json("""
                {"sync": {"revision": "aaa111,bbb222", "revisions": ["aaa111", "bbb222"], "prune": true,
                          "source": {"repoURL": ""}, "syncStrategy": {"apply": {}},
                          "sources": [{"repoURL": "https://git.example.com/shop.git", "path": "app"},
                                      {"repoURL": "https://git.example.com/extras.git", "path": "extras"}]},
                 "initiatedBy": {"username": "alice"}}
                """), "argocd/shop .operation");
        assertThat(rollback.source()).isEmpty();
        assertThat(rollback.sources()).extracting(ApplicationSource::path).containsExactly("app", "extras");
        assertThat(rollback.revisions()).containsExactly("aaa111", "bbb222");
        assertThat(rollback.strategy()).isEqualTo(SyncStrategy.APPLY);
        assertThat(rollback.request().skipHooks()).isTrue();
        assertThat(operations.read(operations.write(rollback), "again")).isEqualTo(rollback);
        Operation forced = operations.read(json("{\"sync\": {\"syncStrategy\": {\"hook\": {\"force\": true}}}}"),
                "argocd/shop .operation");
        assertThat(forced.strategy()).isEqualTo(SyncStrategy.HOOK.withForce(true));
        assertThat(forced.request().syncOptions().force()).isTrue();
        assertThat(forced.request().skipHooks()).isFalse();
        assertThat(operations.read(operations.write(forced), "again")).isEqualTo(forced);
    }

    @Test
    void sourcesAndRevisionsThatDoNotPairAreRefusedNamingTheField() {
        assertThatThrownBy(() -> operations.read(json("""
                {"sync": {"revisions": ["aaa111"], "sources": [{"repoURL": "https://a/x.git"}, {"repoURL": "https://a/y.git"}]}}
                """), "argocd/shop .operation")).isInstanceOf(GitOpsException.class)
                .hasMessageContaining("argocd/shop .operation.sync.revisions has 1 entries for 2 sources");
        assertThatThrownBy(() -> operations.read(json("{\"sync\": {\"sources\": [{\"path\": \"x\"}]}}"),
                "argocd/shop .operation")).hasMessageContaining("argocd/shop .operation.sync.sources[0] has no repoURL");
        assertThatThrownBy(() -> operations.read(json("{\"sync\": {\"syncStrategy\": \"apply\"}}"),
                "argocd/shop .operation")).hasMessageContaining("argocd/shop .operation.sync.syncStrategy must be");
    }

    @Test
    void anOperationThatIsNoSyncIsRefusedNamingTheField() {
        assertThatThrownBy(() -> operations.read(json("{\"initiatedBy\": {\"username\": \"alice\"}}"),
                "argocd/shop .operation"))
                .isInstanceOf(GitOpsException.class).hasMessageContaining("argocd/shop .operation.sync is required");
        assertThatThrownBy(() -> operations.read(json("{\"sync\": {\"resources\": [{\"kind\": \"Deployment\"}]}}"),
                "argocd/shop .operation"))
                .hasMessageContaining("argocd/shop .operation.sync.resources[0] needs a kind and a name");
        assertThatThrownBy(() -> operations.read(json("{\"sync\": {}, \"retry\": {\"backoff\": {\"duration\": \"soon\"}}}"),
                "argocd/shop .operation"))
                .hasMessageContaining("argocd/shop .operation.retry");
    }

    private ApplicationStatus fullStatus() {
        ApplicationSource source = app.source();
        ResourceKey web = new ResourceKey("", "ConfigMap", "shop", "old");
        ResourceKey hook = new ResourceKey("batch", "Job", "shop", "migrate");
        Operation operation = new Operation("main", Optional.empty(), true, false, false, List.of(),
                List.of("CreateNamespace=true"), InitiatedBy.AUTOMATED, RetryPolicy.limit(2), 0);
        OperationState state = new OperationState(operation, OperationPhase.FAILED, "one or more objects failed", T0,
                Optional.of(T0.plusSeconds(30)), 1, Optional.of(new SyncOperationResult("abc123", source, List.of(
                        new ResourceResult(web, SyncPhase.SYNC, 0, ResourceAction.PRUNED, OperationPhase.SUCCEEDED,
                                "pruned", Optional.empty()),
                        new ResourceResult(hook, SyncPhase.PRE_SYNC, 0, ResourceAction.FAILED, OperationPhase.FAILED,
                                "job failed", Optional.of(HookType.PRE_SYNC))))));
        return new ApplicationStatus(
                new ApplicationSyncStatus(SyncStatusCode.OUT_OF_SYNC, "abc123",
                        Optional.of(new ComparedTo(source, new ApplicationDestination("https://kubernetes.default.svc",
                                "", "shop"), app.ignoreDifferences()))),
                new Health(HealthStatus.DEGRADED, "Job migrate failed"),
                List.of(new Condition(ConditionType.SYNC_ERROR, "sync failed", T0.plusSeconds(30))),
                Optional.of(state),
                List.of(new ResourceStatus(web, "v1", SyncStatusCode.OUT_OF_SYNC, Optional.empty(), true, 2)),
                List.of(new RevisionHistory(0, "fff000", source, T0.minusSeconds(60), T0.minusSeconds(90),
                        InitiatedBy.user("alice"))),
                Optional.of(T0.plusSeconds(31)),
                new ApplicationSummary(List.of("https://shop.example.com"), List.of("shop:1.0")),
                Optional.of(SourceType.HELM));
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode normalized(JsonNode json) {
        return (ObjectNode) json(json.toString());
    }
}
