package io.gitops4j.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.kube.ResourceKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The guides' projects judged end to end: a project that forbids a cluster-scoped kind, one that
 * forbids a destination, a deny window that blocks an automated sync and lets a manual one through
 * with {@code manualSync: true}; each blocked verdict names the project and the rule.
 */
class ProjectPolicyTest {

    private static final String LOCAL = "https://kubernetes.default.svc";
    private static final Instant NIGHT = Instant.parse("2026-06-15T23:00:00Z");
    private static final Instant DAY = Instant.parse("2026-06-15T12:00:00Z");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");
    private static final Predicate<ResourceKey> NAMESPACED = key -> !CLUSTER_SCOPED.contains(key.kind());

    private static ProjectPolicy policy(Instant now) {
        return ProjectPolicy.builder(Clock.fixed(now, ZoneOffset.UTC))
                .projects(AppProjects.read(Path.of("src/test/resources/project/guide-projects.yaml")))
                .build();
    }

    private static Application app(String name, String project, String repo, String namespace) {
        return Application.builder(name).project(project).repoURL(repo).path("deploy")
                .destination(new ApplicationDestination(LOCAL, "", namespace)).build();
    }

    private static final Application WEB_PROD = app("web-prod", "team-a", "https://github.com/example/team-a-web.git",
            "team-a-prod");

    @Test
    void aDenyWindowBlocksAnAutomatedSyncAndLetsAManualOneThroughWithManualSync() {
        PolicyVerdict automated = policy(NIGHT).checkSyncWindows(WEB_PROD, SyncTrigger.AUTOMATED, Optional.empty());
        assertThat(automated.blocked()).isTrue();
        assertThat(automated.project()).isEqualTo("team-a");
        assertThat(automated.reason()).isEqualTo(PolicyVerdict.Reason.SYNC_WINDOW);
        assertThat(automated.rule()).isEqualTo("syncWindows[0] deny '0 22 * * *' for 8h");
        assertThat(automated.conditionType()).isEqualTo("SyncError");
        assertThat(automated.message()).isEqualTo("Sync operation blocked by sync window: automated sync of application "
                + "'web-prod' is inside deny window syncWindows[0] deny '0 22 * * *' for 8h of project 'team-a'");
        assertThat(policy(NIGHT).checkSyncWindows(WEB_PROD, SyncTrigger.MANUAL, Optional.empty()).permitted()).isTrue();
        assertThat(policy(DAY).checkSyncWindows(WEB_PROD, SyncTrigger.AUTOMATED, Optional.empty()).permitted()).isTrue();
        assertThat(policy(NIGHT).activeWindows(WEB_PROD)).extracting(SyncWindow::description)
                .containsExactly("nightly freeze");
        Application webStaging = app("web-staging", "team-a", "https://github.com/example/team-a-web.git", "team-a-staging");
        assertThat(policy(NIGHT).checkSyncWindows(webStaging, SyncTrigger.AUTOMATED, Optional.empty()).permitted())
                .as("the window names *-prod applications only").isTrue();
    }

    @Test
    void theWeekendWindowNeedsBothItsClusterAndItsNamespaceAndIsReadInParis() {
        Application onProduction = Application.builder("web").project("team-a")
                .repoURL("https://github.com/example/team-a-web.git")
                .destination(new ApplicationDestination("", "production", "team-a-prod")).build();
        // Saturday 00:30 in Paris is Friday 22:30 UTC (summer time, UTC+2)
        Instant saturdayParis = Instant.parse("2026-06-19T22:30:00Z");
        PolicyVerdict verdict = policy(saturdayParis).checkSyncWindows(onProduction, SyncTrigger.AUTOMATED,
                Optional.empty());
        assertThat(verdict.rule()).isEqualTo("syncWindows[1] deny '0 0 * * 6' for 48h (Europe/Paris)");
        Application elsewhere = Application.builder("web").project("team-a")
                .repoURL("https://github.com/example/team-a-web.git")
                .destination(new ApplicationDestination("", "staging", "team-a-prod")).build();
        assertThat(policy(saturdayParis).checkSyncWindows(elsewhere, SyncTrigger.AUTOMATED, Optional.empty()).permitted())
                .isTrue();
        assertThat(policy(Instant.parse("2026-06-19T21:30:00Z")).checkSyncWindows(onProduction, SyncTrigger.AUTOMATED,
                Optional.empty()).permitted()).as("Friday 23:30 in Paris").isTrue();
    }

    @Test
    void aProjectForbidsAClusterScopedKind() {
        ProjectPolicy policy = policy(DAY);
        ResourceKey clusterRole = new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "admin");
        PolicyVerdict verdict = policy.checkResources(WEB_PROD, DestinationCluster.IN_CLUSTER, List.of(
                new ResourceKey("apps", "Deployment", "team-a-prod", "web"), clusterRole), NAMESPACED);
        assertThat(verdict.reason()).isEqualTo(PolicyVerdict.Reason.RESOURCE_KIND);
        assertThat(verdict.rule()).isEqualTo("clusterResourceWhitelist");
        assertThat(verdict.message()).isEqualTo("resource rbac.authorization.k8s.io:ClusterRole is not permitted in project "
                + "team-a (rbac.authorization.k8s.io/ClusterRole/admin: not in clusterResourceWhitelist)");
        assertThat(policy.checkResources(WEB_PROD, DestinationCluster.IN_CLUSTER,
                List.of(new ResourceKey("", "Namespace", "", "team-a-prod")), NAMESPACED).permitted()).isTrue();
        assertThat(policy.checkResources(WEB_PROD, DestinationCluster.IN_CLUSTER,
                List.of(new ResourceKey("", "Namespace", "", "kube-public")), NAMESPACED).blocked()).isTrue();
        PolicyVerdict quota = policy.checkResources(WEB_PROD, DestinationCluster.IN_CLUSTER,
                List.of(new ResourceKey("", "ResourceQuota", "team-a-prod", "q")), NAMESPACED);
        assertThat(quota.rule()).isEqualTo("namespaceResourceBlacklist[0] group '' kind 'ResourceQuota'");
        PolicyVerdict foreign = policy.checkResources(WEB_PROD, DestinationCluster.IN_CLUSTER,
                List.of(new ResourceKey("apps", "Deployment", "kube-system", "web")), NAMESPACED);
        assertThat(foreign.reason()).isEqualTo(PolicyVerdict.Reason.RESOURCE_NAMESPACE);
        assertThat(foreign.message()).startsWith("namespace kube-system is not permitted in project 'team-a'");
    }

    @Test
    void anEmptyNamespacedWhitelistPermitsNoNamespacedKindWhereNoListPermitsEvery() {
        Application app = app("a", "locked", "https://example.com/r.git", "x");
        assertThat(policy(DAY).checkResources(app, DestinationCluster.IN_CLUSTER,
                List.of(new ResourceKey("", "ConfigMap", "x", "c")), NAMESPACED).rule())
                .isEqualTo("namespaceResourceWhitelist");
    }

    @Test
    void aProjectForbidsADestination() {
        Application toKubeSystem = app("web-prod", "team-a", "https://github.com/example/team-a-web.git", "kube-system");
        PolicyVerdict verdict = policy(DAY).checkApplication(toKubeSystem, "", DestinationCluster.IN_CLUSTER);
        assertThat(verdict.reason()).isEqualTo(PolicyVerdict.Reason.DESTINATION);
        assertThat(verdict.conditionType()).isEqualTo("InvalidSpecError");
        assertThat(verdict.rule()).isEqualTo("destinations[2] server '*' namespace '!kube-system'");
        assertThat(verdict.message()).isEqualTo("application destination server 'https://kubernetes.default.svc' "
                + "(cluster 'in-cluster') and namespace 'kube-system' do not match any of the allowed destinations in "
                + "project 'team-a' (destinations[2] server '*' namespace '!kube-system' denies it)");
        assertThat(policy(DAY).checkApplication(WEB_PROD, "", DestinationCluster.IN_CLUSTER).permitted()).isTrue();
        Application onStaging = Application.builder("web").project("team-a")
                .repoURL("https://github.com/example/team-a-web.git")
                .destination(new ApplicationDestination("", "staging", "team-a")).build();
        assertThat(policy(DAY).checkApplication(onStaging, "", new DestinationCluster("https://staging.example.com",
                "staging")).permitted()).isTrue();
    }

    @Test
    void everySourceOfAnApplicationWithSeveralSourcesMustBePermitted() {
        ApplicationSource permitted = ApplicationSource.of("https://github.com/example/team-a-web.git").withPath("deploy");
        ApplicationSource denied = ApplicationSource.of("https://bot:s3cr3t@github.com/example/team-a-legacy.git")
                .withRef("values");
        Application twoSources = Application.builder("web-prod").project("team-a")
                .destination(new ApplicationDestination(LOCAL, "", "team-a-prod")).sources(permitted, denied).build();

        PolicyVerdict verdict = policy(DAY).checkApplication(twoSources, "", DestinationCluster.IN_CLUSTER);

        assertThat(verdict.reason()).as("a ref source lends files, so it is checked too").isEqualTo(PolicyVerdict.Reason.SOURCE_REPO);
        assertThat(verdict.message()).doesNotContain("s3cr3t").contains("team-a-legacy");
        assertThat(policy(DAY).checkApplication(twoSources.withSources(List.of(permitted, permitted.withRef("values"))),
                "", DestinationCluster.IN_CLUSTER).permitted()).isTrue();
    }

    @Test
    void aDeniedRepositoryIsNamedWithoutItsCredentials() {
        Application legacy = app("old", "team-a", "https://bot:s3cr3t@github.com/example/team-a-legacy.git", "team-a-x");
        PolicyVerdict verdict = policy(DAY).checkApplication(legacy, "", DestinationCluster.IN_CLUSTER);
        assertThat(verdict.reason()).isEqualTo(PolicyVerdict.Reason.SOURCE_REPO);
        assertThat(verdict.rule()).isEqualTo("sourceRepos[1] '!https://github.com/example/team-a-legacy'");
        assertThat(verdict.message()).doesNotContain("s3cr3t").contains("is not permitted in project 'team-a'");
        // as in Argo CD, a negated entry that does not exclude a repository counts as matching it
        Application other = app("o", "team-a", "https://github.com/other/x.git", "team-a-x");
        assertThat(policy(DAY).checkApplication(other, "", DestinationCluster.IN_CLUSTER).permitted()).isTrue();
        ProjectPolicy onlyTeamRepos = ProjectPolicy.builder(Clock.fixed(DAY, ZoneOffset.UTC))
                .project(AppProject.defaultProject().withSourceRepos(List.of("https://github.com/example/team-a-*")))
                .build();
        Application defaultOther = app("o", "default", "https://github.com/other/x.git", "x");
        assertThat(onlyTeamRepos.checkApplication(defaultOther, "", DestinationCluster.IN_CLUSTER).message())
                .isEqualTo("application repo https://github.com/other/x.git is not permitted in project 'default' "
                        + "(no entry of sourceRepos matches it)");
    }

    @Test
    void projectsThatAreMissingOrInvalidBlockTheirApplications() {
        Application orphan = app("a", "nope", "https://example.com/r.git", "x");
        PolicyVerdict missing = policy(DAY).checkSync(orphan, DestinationCluster.IN_CLUSTER, SyncTrigger.MANUAL,
                Optional.empty(), List.of(), NAMESPACED);
        assertThat(missing.reason()).isEqualTo(PolicyVerdict.Reason.PROJECT_NOT_FOUND);
        assertThat(missing.message()).isEqualTo("Application referencing project nope which does not exist");
        ProjectPolicy withInvalid = ProjectPolicy.builder(Clock.fixed(DAY, ZoneOffset.UTC))
                .invalidProject("nope", "spec.sourceRepo is not a field").build();
        assertThat(withInvalid.checkSync(orphan, DestinationCluster.IN_CLUSTER, SyncTrigger.MANUAL, Optional.empty(),
                List.of(), NAMESPACED).reason()).isEqualTo(PolicyVerdict.Reason.PROJECT_INVALID);
    }

    @Test
    void theDefaultProjectPermitsEveryRepositoryDestinationAndKind() {
        Application app = Application.builder("anything").repoURL("https://example.com/r.git")
                .destinationNamespace("kube-system").build();
        assertThat(app.project()).isEqualTo("default");
        PolicyVerdict verdict = ProjectPolicy.builder(Clock.fixed(DAY, ZoneOffset.UTC)).build().checkSync(app,
                DestinationCluster.IN_CLUSTER, SyncTrigger.AUTOMATED, Optional.empty(),
                List.of(new ResourceKey("rbac.authorization.k8s.io", "ClusterRole", "", "admin"),
                        new ResourceKey("", "Secret", "kube-system", "s")), NAMESPACED);
        assertThat(verdict).isEqualTo(PolicyVerdict.permit("default"));
    }

    @Test
    void anApplicationObjectOutsideTheControllerNamespaceNeedsSourceNamespaces() {
        ProjectPolicy policy = ProjectPolicy.builder(Clock.fixed(DAY, ZoneOffset.UTC)).controllerNamespace("argocd")
                .project(AppProject.defaultProject().withSourceNamespaces(List.of("team-*"))).build();
        Application app = app("a", "default", "https://example.com/r.git", "x");
        assertThat(policy.checkApplication(app, "argocd", DestinationCluster.IN_CLUSTER).permitted()).isTrue();
        assertThat(policy.checkApplication(app, "team-b", DestinationCluster.IN_CLUSTER).permitted()).isTrue();
        PolicyVerdict verdict = policy.checkApplication(app, "sandbox", DestinationCluster.IN_CLUSTER);
        assertThat(verdict.message()).startsWith("application 'a' in namespace 'sandbox' is not permitted to use project "
                + "'default'");
    }
}
