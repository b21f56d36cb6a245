package io.gitops4j.core.appset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.core.git.GitSource;
import io.gitops4j.core.git.LocalRepository;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guides' ApplicationSets over Git repositories made in the test (JGit), read through
 * {@link GitSource}: services x environments with a matrix, a git-directories generator and a
 * git-files generator.
 */
class ApplicationSetFixturesTest {

    @TempDir
    Path temp;

    private LocalRepository repo;
    private ApplicationSetGenerator generator;

    @BeforeEach
    void setUp() {
        repo = LocalRepository.init(temp.resolve("platform"));
        for (String service : List.of("billing", "catalog", "checkout")) {
            repo.write("services/" + service + "/deployment.yaml", "kind: Deployment\n");
        }
        repo.write("services/.hidden/deployment.yaml", "kind: Deployment\n");
        repo.write("apps/guestbook/kustomization.yaml", "resources: []\n");
        repo.write("apps/helm-guestbook/Chart.yaml", "name: helm-guestbook\n");
        repo.write("apps/excluded-app/x.yaml", "a: b\n");
        repo.write("cluster-config/engineering/dev/config.json", """
                {"aws_account": "123456", "asset_id": "11223344",
                 "cluster": {"owner": "cluster-admin@company.com", "name": "engineering-dev", "address": "https://1.2.3.4"}}
                """);
        repo.write("cluster-config/engineering/prod/config.json", """
                {"aws_account": "123456", "asset_id": "11223344",
                 "cluster": {"owner": "cluster-admin@company.com", "name": "engineering-prod", "address": "https://2.4.6.8"}}
                """);
        repo.commit("platform layout");
        generator = ApplicationSetGenerator.builder()
                .repositories(new GitRepositoryFiles(new GitSource(temp.resolve("cache"))))
                .build();
    }

    private List<GeneratedApplication> generate(String yaml) {
        return generator.generate(ApplicationSets.readOne(yaml.replace("REPO", repo.url()), "appset.yaml"));
    }

    @Test
    void matrixOfThreeServicesAndTwoEnvironmentsGivesSixApplications() {
        List<GeneratedApplication> apps = generate("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: services
                  namespace: argocd
                spec:
                  goTemplate: true
                  goTemplateOptions: ["missingkey=error"]
                  generators:
                  - matrix:
                      generators:
                      - git:
                          repoURL: REPO
                          revision: HEAD
                          directories:
                          - path: services/*
                      - list:
                          elements:
                          - env: staging
                            server: https://staging.example.com
                          - env: production
                            server: https://production.example.com
                  template:
                    metadata:
                      name: '{{ .path.basename }}-{{ .env }}'
                      labels:
                        env: '{{ .env }}'
                    spec:
                      project: default
                      source:
                        repoURL: REPO
                        targetRevision: HEAD
                        path: '{{ .path.path }}'
                      destination:
                        server: '{{ .server }}'
                        namespace: '{{ .path.basename }}-{{ .env | trunc 4 }}'
                      syncPolicy:
                        syncOptions: [CreateNamespace=true]
                """);
        assertThat(apps).hasSize(6);
        Map<String, String> pathByName = apps.stream().collect(Collectors.toMap(GeneratedApplication::name,
                a -> a.application().source().path()));
        assertThat(pathByName).containsOnly(Map.entry("billing-staging", "services/billing"),
                Map.entry("billing-production", "services/billing"), Map.entry("catalog-staging", "services/catalog"),
                Map.entry("catalog-production", "services/catalog"), Map.entry("checkout-staging", "services/checkout"),
                Map.entry("checkout-production", "services/checkout"));
        assertThat(apps).extracting(a -> a.name() + " " + a.application().destination().namespace() + " "
                + a.application().destination().server()).containsExactly(
                        "billing-staging billing-stag https://staging.example.com",
                        "billing-production billing-prod https://production.example.com",
                        "catalog-staging catalog-stag https://staging.example.com",
                        "catalog-production catalog-prod https://production.example.com",
                        "checkout-staging checkout-stag https://staging.example.com",
                        "checkout-production checkout-prod https://production.example.com");
        assertThat(apps).allSatisfy(app -> {
            assertThat(app.manifest().at("/metadata/ownerReferences/0/name").asText()).isEqualTo("services");
            assertThat(app.manifest().at("/metadata/namespace").asText()).isEqualTo("argocd");
            assertThat(app.application().syncPolicy().syncOptions()).containsExactly("CreateNamespace=true");
        });
    }

    @Test
    void gitDirectoriesGeneratorWithExclude() {
        List<GeneratedApplication> apps = generate("""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: cluster-addons
                  namespace: argocd
                spec:
                  generators:
                  - git:
                      repoURL: REPO
                      revision: HEAD
                      directories:
                      - path: apps/*
                      - path: apps/excluded-app
                        exclude: true
                  template:
                    metadata:
                      name: '{{path.basename}}'
                    spec:
                      project: default
                      source:
                        repoURL: REPO
                        targetRevision: HEAD
                        path: '{{path}}'
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{path.basenameNormalized}}'
                """);
        assertThat(apps).extracting(a -> a.name() + " " + a.application().source().path() + " "
                + a.application().destination().namespace())
                .containsExactly("guestbook apps/guestbook guestbook", "helm-guestbook apps/helm-guestbook helm-guestbook");
    }

    @Test
    void gitFilesGeneratorFlattensConfigFiles() {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: guestbook
                  namespace: argocd
                spec:
                  generators:
                  - git:
                      repoURL: REPO
                      revision: HEAD
                      files:
                      - path: cluster-config/**/config.json
                  template:
                    metadata:
                      name: '{{cluster.name}}-guestbook'
                      annotations:
                        owner: '{{cluster.owner}}'
                        account: '{{aws_account}}'
                    spec:
                      project: default
                      source:
                        repoURL: REPO
                        targetRevision: HEAD
                        path: 'apps/guestbook'
                      destination:
                        server: '{{cluster.address}}'
                        namespace: '{{path[1]}}-{{path.basename}}'
                """;
        List<GeneratedApplication> apps = generate(yaml);
        assertThat(apps).extracting(a -> a.name() + " " + a.application().destination().server() + " "
                + a.application().destination().namespace())
                .containsExactly("engineering-dev-guestbook https://1.2.3.4 engineering-dev",
                        "engineering-prod-guestbook https://2.4.6.8 engineering-prod");
        assertThat(apps.get(0).manifest().at("/metadata/annotations/owner").asText()).isEqualTo("cluster-admin@company.com");
        assertThat(apps.get(0).manifest().at("/metadata/annotations/account").asText()).isEqualTo("123456");

        repo.write("cluster-config/engineering/qa/config.json",
                "{\"cluster\": {\"owner\": \"qa@company.com\", \"name\": \"engineering-qa\", \"address\": \"https://3.3.3.3\"}}");
        repo.commit("add qa");
        assertThat(generate(yaml)).extracting(GeneratedApplication::name).containsExactly("engineering-dev-guestbook",
                "engineering-prod-guestbook", "engineering-qa-guestbook");
    }

    @Test
    void unreachableRepositoryFailsTheWholeSetNamingTheGenerator() {
        String yaml = """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: broken
                spec:
                  generators:
                  - list:
                      elements: [{name: ok}]
                  - git:
                      repoURL: https://user:secret@127.0.0.1:1/missing.git
                      revision: HEAD
                      directories: [{path: '*'}]
                  template:
                    metadata: {name: '{{name}}'}
                    spec:
                      project: default
                      source: {repoURL: REPO, path: x}
                      destination: {namespace: x}
                """;
        assertThatThrownBy(() -> generate(yaml))
                .isInstanceOf(ApplicationSetException.class)
                .hasMessageContaining("ApplicationSet broken: spec.generators[1].git")
                .hasMessageNotContaining("secret");
    }
}
