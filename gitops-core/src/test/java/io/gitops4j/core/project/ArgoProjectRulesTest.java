package io.gitops4j.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cases of Argo CD's {@code app_project_types} tests ({@code TestAppProject_IsSourcePermitted},
 * {@code _IsNegatedSourcePermitted}, {@code _IsDestinationPermitted},
 * {@code _IsNegatedDestinationPermitted}, {@code _PermitOnlyProjectScopedClusters},
 * {@code _IsGroupKindPermitted}, {@code TestGlobMatch}, {@code TestAppProjectIsSourceNamespacePermitted},
 * {@code _ValidateSources}, {@code _ValidateDestinations}), written again as our own cases: the
 * same inputs, the same answers.
 */
class ArgoProjectRulesTest {

    private static CompiledProject repos(String... patterns) {
        return new CompiledProject(AppProject.named("p").withSourceRepos(List.of(patterns)));
    }

    @ParameterizedTest(name = "{0} permits {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "*|https://github.com/argoproj/test.git|true",
        "https://github.com/argoproj/test.git|https://github.com/argoproj/test.git|true",
        "ssh://git@GITHUB.com:argoproj/test|ssh://git@github.com:argoproj/test|true",
        "https://github.com/argoproj/*|https://github.com/argoproj/argoproj.git|true",
        "https://github.com/test1/test.git,https://github.com/test2/test.git|https://github.com/test2/test.git|true",
        "https://github.com/argoproj/test1.git|https://github.com/argoproj/test2.git|false",
        "https://github.com/argoproj/*.git|https://github.com/argoproj1/test2.git|false",
        "https://github.com/argoproj/foo|https://github.com/argoproj/foo1|false",
        "https://gitlab.com/group/*|https://gitlab.com/group/repo/owner|false",
        "https://gitlab.com/group/*/*|https://gitlab.com/group/repo/owner|true",
        "https://gitlab.com/group/*/*/*|https://gitlab.com/group/sub-group/repo/owner|true",
        "https://gitlab.com/group/**|https://gitlab.com/group/sub-group/repo/owner|true",
        // IsNegatedSourcePermitted
        "!https://github.com/argoproj/test.git|https://github.com/argoproj/test.git|false",
        "!ssh://git@GITHUB.com:argoproj/test|ssh://git@github.com:argoproj/test|false",
        "!https://github.com/argoproj/*|https://github.com/argoproj/argoproj.git|false",
        "https://github.com/test1/test.git,!https://github.com/test2/test.git|https://github.com/test2/test.git|false",
        "!https://github.com/argoproj/foo*|https://github.com/argoproj/foo1|false",
        "!https://gitlab.com/group/*/*|https://gitlab.com/group/repo/owner|false",
        "!https://gitlab.com/group/*/*/*|https://gitlab.com/group/sub-group/repo/owner|false",
        "!https://gitlab.com/group/**|https://gitlab.com/group/sub-group/repo/owner|false",
        "*|https://github.com/argoproj/test.git|true",
        "https://github.com/argoproj/test1.git,*|https://github.com/argoproj/test2.git|true",
        "!https://github.com/argoproj/*.git,*|https://github.com/argoproj1/test2.git|true",
    })
    void sourceRepos(String patterns, String repo, boolean permitted) {
        assertThat(repos(patterns.split(",")).sourcePermitted(repo).permitted()).isEqualTo(permitted);
    }

    private static ProjectDestination dest(String server, String name, String namespace) {
        return new ProjectDestination(server, name, namespace);
    }

    private static boolean destination(List<ProjectDestination> project, String server, String name, String namespace) {
        return new CompiledProject(AppProject.named("p").withDestinations(project))
                .destinationMatched(new DestinationCluster(server, name), namespace).permitted();
    }

    @Test
    void destinations() {
        String local = "https://kubernetes.default.svc";
        assertThat(destination(List.of(dest(local, "", "default")), local, "", "default")).isTrue();
        assertThat(destination(List.of(dest(local, "", "default")), local, "", "kube-system")).isFalse();
        assertThat(destination(List.of(dest("https://my-cluster", "", "default")), local, "", "default")).isFalse();
        assertThat(destination(List.of(dest(local, "", "*")), local, "", "kube-system")).isTrue();
        assertThat(destination(List.of(dest("https://*.default.svc", "", "default")), local, "", "default")).isTrue();
        assertThat(destination(List.of(dest("https://team1-*", "", "default")), "https://test2-dev-cluster", "", "default"))
                .isFalse();
        assertThat(destination(List.of(dest(local, "", "test-*")), local, "", "test-foo")).isTrue();
        assertThat(destination(List.of(dest(local, "", "test-*")), local, "", "test")).isFalse();
        assertThat(destination(List.of(dest("*", "", "*")), local, "", "test")).isTrue();
        assertThat(destination(List.of(dest("", "test", "*")), "", "test", "test")).isTrue();
        assertThat(destination(List.of(dest("", "test2", "*")), "", "test", "test")).isFalse();
        String eks = "https://eks-cluster-endpoint.ap-southeast-1.eks.amazonaws.com";
        assertThat(destination(List.of(dest(local, "host-cluster", "!{kube-system,argocd}"),
                dest(eks, "destination-cluster-01", "*")), eks, "", "kube-system")).isTrue();
    }

    @Test
    void negatedDestinations() {
        String local = "https://kubernetes.default.svc";
        assertThat(destination(List.of(dest("!" + local, "", "default")), local, "", "default")).isFalse();
        assertThat(destination(List.of(dest(local, "", "!default")), local, "", "kube-system")).isTrue();
        assertThat(destination(List.of(dest("!https://my-cluster", "", "default")), local, "", "default")).isTrue();
        assertThat(destination(List.of(dest("!" + local, "", "*")), local, "", "kube-system")).isFalse();
        assertThat(destination(List.of(dest("!https://*.default.svc", "", "default")), local, "", "default")).isFalse();
        assertThat(destination(List.of(dest("!https://team1-*", "", "default")), "https://test2-dev-cluster", "", "default"))
                .isTrue();
        assertThat(destination(List.of(dest(local, "", "!test-*")), local, "", "test-foo")).isFalse();
        assertThat(destination(List.of(dest(local, "", "!test-*")), local, "", "test")).isTrue();
        assertThat(destination(List.of(dest("", "!test", "*")), "", "test", "test")).isFalse();
        assertThat(destination(List.of(dest("", "!test2", "*")), "", "test", "test")).isTrue();
        assertThat(destination(List.of(dest("*", "", "kube-system"), dest("*", "", "!kube-system")), local, "",
                "kube-system")).isFalse();
        assertThat(destination(List.of(dest("*", "", "*"), dest("*", "", "!kube-system")), local, "", "kube-system"))
                .isFalse();
        assertThat(destination(List.of(dest(local, "", "*"), dest("!" + local, "", "*")), local, "", "kube-system"))
                .isFalse();
        assertThat(destination(List.of(dest("*", "", "*"), dest("!" + local, "", "kube-system")), local, "", "kube-system"))
                .isFalse();
        List<ProjectDestination> three = List.of(dest("*", "", "*"), dest("!" + local, "", "kube-system"),
                dest("*", "", "!kube-system"));
        assertThat(destination(three, local, "", "kube-system")).isFalse();
        assertThat(destination(three, local, "", "default")).isTrue();
        assertThat(destination(three, "https://test-dev-cluster", "", "kube-system")).isFalse();
        assertThat(destination(List.of(dest("", "test", "*"), dest("", "!test", "*")), "", "test", "test")).isFalse();
        assertThat(destination(List.of(dest("*", "", "test"), dest("!https://test-server", "", "other")),
                "https://test-server", "", "test")).isTrue();
        assertThat(destination(List.of(dest("*", "", "*"), dest("https://test-server", "", "!other")),
                "https://other-test-server", "", "other")).isTrue();
    }

    private static boolean scoped(ProjectDestination allowed, DestinationCluster app, List<DestinationCluster> clusters) {
        AppProject project = AppProject.named("p").withDestinations(List.of(allowed)).withSourceRepos(List.of("*"))
                .withPermitOnlyProjectScopedClusters(true);
        ProjectPolicy policy = ProjectPolicy.builder(java.time.Clock.systemUTC()).project(project)
                .projectScopedClusters(name -> name.equals("p") ? clusters : List.of()).build();
        io.gitops4j.core.model.Application application = io.gitops4j.core.model.Application.builder("a").project("p")
                .repoURL("https://example.com/r.git").destinationNamespace("default").build();
        return policy.checkApplication(application, "", app).permitted();
    }

    @Test
    void permitOnlyProjectScopedClusters() {
        assertThat(scoped(dest("https://team1-*", "", "default"), new DestinationCluster("https://team1-something.com", ""),
                List.of())).isFalse();
        assertThat(scoped(dest("https://my-cluster.123.com", "", "default"),
                new DestinationCluster("https://my-cluster.123.com", ""),
                List.of(new DestinationCluster("https://my-cluster.123.com", "")))).isTrue();
        assertThat(scoped(dest("https://my-cluster.123.com", "", "default"),
                new DestinationCluster("https://some-other-cluster.example.com", ""),
                List.of(new DestinationCluster("https://my-cluster.123.com", "")))).isFalse();
        assertThat(scoped(dest("", "some-server", "default"), new DestinationCluster("", "some-server"), List.of()))
                .isFalse();
        assertThat(scoped(dest("", "some-other-server", "default"), new DestinationCluster("", "some-other-server"),
                List.of(new DestinationCluster("", "some-other-server")))).isTrue();
        assertThat(scoped(dest("", "some-server", "default"), new DestinationCluster("", "some-other-server"),
                List.of(new DestinationCluster("", "some-server")))).isFalse();
    }

    private static boolean kind(AppProject project, String group, String kind, String name, boolean namespaced) {
        return new CompiledProject(project).groupKindPermitted(group, kind, name, namespaced).permitted();
    }

    @Test
    void groupKinds() {
        AppProject p1 = AppProject.named("p").withNamespaceResources(Optional.of(List.of()),
                List.of(ResourceRule.of("apps", "Deployment")));
        assertThat(kind(p1, "apps", "ReplicaSet", "", true)).isFalse();
        assertThat(kind(p1, "apps", "Deployment", "", true)).isFalse();
        AppProject p2 = AppProject.named("p").withNamespaceResources(Optional.of(List.of(ResourceRule.of("apps", "ReplicaSet"))),
                List.of(ResourceRule.of("apps", "Deployment")));
        assertThat(kind(p2, "apps", "ReplicaSet", "", true)).isTrue();
        assertThat(kind(p2, "apps", "Action", "", true)).isFalse();
        AppProject p3 = AppProject.named("p").withClusterResources(List.of(), List.of(ResourceRule.of("", "Namespace")));
        assertThat(kind(p3, "", "Namespace", "", false)).isFalse();
        AppProject p4 = AppProject.named("p").withClusterResources(List.of(ResourceRule.of("*", "*")),
                List.of(ResourceRule.of("*", "*")));
        assertThat(kind(p4, "", "Namespace", "", false)).isFalse();
        assertThat(kind(p4, "apps", "Action", "", true)).isTrue();
        AppProject p5 = AppProject.named("p").withNamespaceResources(Optional.of(List.of(ResourceRule.of("*", "*"))), List.of());
        assertThat(kind(p5, "", "Namespace", "", false)).isFalse();
        assertThat(kind(p5, "apps", "Action", "", true)).isTrue();
        AppProject p6 = AppProject.named("p");
        assertThat(kind(p6, "", "Namespace", "", false)).isFalse();
        assertThat(kind(p6, "apps", "Action", "", true)).isTrue();
        AppProject p7 = AppProject.named("p").withClusterResources(List.of(new ResourceRule("", "Namespace", "team1-*")),
                List.of());
        assertThat(kind(p7, "", "Namespace", "other-namespace", false)).isFalse();
        assertThat(kind(p7, "", "Namespace", "team1-namespace", false)).isTrue();
    }

    @ParameterizedTest(name = "globMatch({0}, {1}, negation {2}) = {3}")
    @CsvSource({
        "foo, foo, false, true",
        "foo*, foobar, false, true",
        "foo*, bar, false, false",
        "*, anything, false, true",
        "!foo, foo, true, false",
        "!foo, bar, true, true",
        "!foo, foo, false, false",
        "!foo, !foo, false, true",
    })
    void globMatch(String pattern, String value, boolean negation, boolean expected) {
        assertThat(new CompiledProject(AppProject.named("p")).globMatch(pattern, value, negation)).isEqualTo(expected);
    }

    private static boolean namespace(List<String> sourceNamespaces, String appNamespace, String controller) {
        return new CompiledProject(AppProject.named("default").withSourceNamespaces(sourceNamespaces))
                .appNamespacePermitted(appNamespace, controller);
    }

    @Test
    void sourceNamespaces() {
        assertThat(namespace(List.of("other-ns"), "argocd", "argocd")).isTrue();
        assertThat(namespace(List.of("other-ns"), "some-ns", "some-ns")).isTrue();
        assertThat(namespace(List.of("other-ns"), "", "argocd")).isTrue();
        assertThat(namespace(List.of(), "argocd", "argocd")).isTrue();
        assertThat(namespace(List.of(), "some-ns", "argocd")).isFalse();
        assertThat(namespace(List.of("some-ns"), "some-ns", "argocd")).isTrue();
        assertThat(namespace(List.of("some-ns"), "other-ns", "argocd")).isFalse();
        assertThat(namespace(List.of("some-*"), "some-ns1", "argocd")).isTrue();
        assertThat(namespace(List.of("some-*"), "some-ns2", "argocd")).isTrue();
        assertThat(namespace(List.of("some-*"), "someotherns", "argocd")).isFalse();
    }

    @Test
    void sourceNamespacesAsArgoMatchesAListOfGlobsAndRegularExpressions() {
        // util/glob Test_MatchList, the glob and regexp modes (the ones sourceNamespaces uses)
        assertThat(namespace(List.of("*"), "test", "argocd")).isTrue();
        assertThat(namespace(List.of("test"), "test", "argocd")).isTrue();
        assertThat(namespace(List.of("other*", "te*"), "test", "argocd")).isTrue();
        assertThat(namespace(List.of("/^((?!disallowed).)*$/"), "disallowed", "argocd")).isFalse();
        assertThat(namespace(List.of("/^((?!disallowed).)*$/"), "allowed", "argocd")).isTrue();
    }

    @Test
    void aRegularExpressionThatWouldBacktrackForeverGivesUpAndDoesNotMatch() {
        assertThat(namespace(List.of("/^(a+)+$/"), "a".repeat(40) + "b", "argocd")).isFalse();
    }

    @Test
    void validateSourcesAsArgo() {
        assertThat(AppProject.named("p").withDestinations(List.of(dest("", "", ""))).sourceRepos()).isEmpty();
        assertThatThrownBy(() -> AppProject.named("p").withSourceRepos(List.of("!*")))
                .hasMessageContaining("invalid format, '!*'");
        assertThatThrownBy(() -> AppProject.named("p").withSourceRepos(List.of("foo", "foo")))
                .hasMessageContaining("already added");
    }

    @Test
    void validateDestinationsAsArgo() {
        assertThat(AppProject.named("p").withDestinations(List.of(dest("", "", ""))).destinations()).hasSize(1);
        for (String field : List.of("namespace", "server", "name")) {
            assertThatThrownBy(() -> AppProject.named("p").withDestinations(List.of(withField(field, "!*"))))
                    .as(field).hasMessageContaining(field + " has an invalid format, '!*'");
            for (String good : List.of("*", "some-" + field)) {
                assertThat(AppProject.named("p").withDestinations(List.of(withField(field, good))).destinations())
                        .as(field + " " + good).hasSize(1);
            }
        }
        ProjectDestination valid = dest("some-server", "", "some-namespace");
        assertThat(AppProject.named("p").withDestinations(List.of(valid)).destinations()).containsExactly(valid);
        assertThatThrownBy(() -> AppProject.named("p").withDestinations(List.of(valid, valid)))
                .hasMessageContaining("destination 'some-server/some-namespace' already added");
        assertThat(AppProject.named("p").withDestinations(List.of(dest("", "cluster1", "some-namespace"),
                dest("", "cluster2", "some-namespace"))).destinations()).hasSize(2);
        assertThatThrownBy(() -> AppProject.named("p").withSourceNamespaces(List.of("argocd", "argocd")))
                .hasMessageContaining("source namespace 'argocd' already added");
    }

    private static ProjectDestination withField(String field, String value) {
        return switch (field) {
            case "namespace" -> dest("", "", value);
            case "server" -> dest(value, "", "");
            default -> dest("", value, "");
        };
    }
}
