package io.gitops4j.core.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Reading AppProject YAML: Argo CD's fields, refusals that name the file, line and field. */
class AppProjectsTest {

    private static final Path FIXTURE = Path.of("src/test/resources/project/guide-projects.yaml");

    private static InvalidProjectException refused(String spec) {
        String yaml = "apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: p\nspec:\n" + spec;
        try {
            AppProjects.read(yaml, "projects.yaml");
        } catch (InvalidProjectException e) {
            return e;
        }
        throw new AssertionError("expected the project to be refused:\n" + spec);
    }

    @Test
    void readsEveryFieldOfTheGuideProjects() {
        List<AppProject> projects = AppProjects.read(FIXTURE);
        assertThat(projects).extracting(AppProject::name).containsExactly("team-a", "locked");
        AppProject teamA = projects.get(0);
        assertThat(teamA.description()).isEqualTo("Team A's services");
        assertThat(teamA.sourceRepos()).containsExactly("https://github.com/example/team-a-*",
                "!https://github.com/example/team-a-legacy");
        assertThat(teamA.destinations()).containsExactly(
                ProjectDestination.server("https://kubernetes.default.svc", "team-a-*"),
                ProjectDestination.named("staging", "team-a"), ProjectDestination.server("*", "!kube-system"));
        assertThat(teamA.clusterResourceWhitelist()).containsExactly(new ResourceRule("", "Namespace", "team-a-*"));
        assertThat(teamA.namespaceResourceWhitelist()).isEmpty();
        assertThat(teamA.namespaceResourceBlacklist()).containsExactly(ResourceRule.of("", "ResourceQuota"));
        SyncWindow freeze = teamA.syncWindows().get(0);
        assertThat(freeze.kind()).isEqualTo(SyncWindow.Kind.DENY);
        assertThat(freeze.schedule()).isEqualTo("0 22 * * *");
        assertThat(freeze.duration()).isEqualTo("8h");
        assertThat(freeze.applications()).containsExactly("*-prod");
        assertThat(freeze.manualSync()).isTrue();
        assertThat(freeze.description()).isEqualTo("nightly freeze");
        SyncWindow weekend = teamA.syncWindows().get(1);
        assertThat(weekend.andOperator()).isTrue();
        assertThat(weekend.timeZone()).isEqualTo("Europe/Paris");
        assertThat(weekend.clusters()).containsExactly("production");
        assertThat(projects.get(1).namespaceResourceWhitelist()).contains(List.of());
    }

    @Test
    void anUnknownFieldIsRefusedNamingItAndTheFieldMeant() {
        assertThat(refused("  sourceRepo: ['*']\n")).hasMessage(
                "projects.yaml:1: AppProject p: spec.sourceRepo is not a field of an Argo CD AppProject; "
                        + "did you mean spec.sourceRepos?");
        assertThat(refused("  syncWindows:\n    - kind: deny\n      schedule: '* * * * *'\n      duration: 1h\n"
                + "      applications: ['*']\n      manualsync: true\n"))
                .hasMessageContaining("spec.syncWindows[0].manualsync is not a field of an Argo CD AppProject; "
                        + "did you mean spec.syncWindows[0].manualSync?");
        assertThat(refused("  destinations:\n    - server: '*'\n      namespaces: '*'\n"))
                .hasMessageContaining("spec.destinations[0].namespaces is not a field of an Argo CD AppProject; "
                        + "did you mean spec.destinations[0].namespace?");
        assertThat(refused("  clusterResourceWhitelist:\n    - group: ''\n      kind: Namespace\n      nmae: x\n"))
                .hasMessageContaining("spec.clusterResourceWhitelist[0].nmae").hasMessageContaining("name?");
        assertThat(refused("  namespaceResourceBlacklist:\n    - group: ''\n      kind: Secret\n      name: x\n"))
                .hasMessageContaining("spec.namespaceResourceBlacklist[0].name is not a field");
    }

    @Test
    void malformedRulesAreRefusedNamingTheFieldAndWhy() {
        assertThat(refused("  syncWindows:\n    - kind: freeze\n      schedule: '* * * * *'\n      duration: 1h\n"
                + "      applications: ['*']\n"))
                .hasMessageContaining("spec.syncWindows[0].kind 'freeze' mismatch: can only be allow or deny");
        assertThat(refused("  syncWindows:\n    - kind: deny\n      schedule: '@daily'\n      duration: 1h\n"
                + "      applications: ['*']\n"))
                .hasMessageContaining("spec.syncWindows[0]: cannot parse schedule '@daily'")
                .hasMessageContaining("write @daily as 0 0 * * *");
        assertThat(refused("  syncWindows:\n    - kind: deny\n      schedule: '0 22 * * *'\n      duration: 1d\n"
                + "      applications: ['*']\n"))
                .hasMessageContaining("cannot parse duration '1d'").hasMessageContaining("days are not one");
        assertThat(refused("  syncWindows:\n    - kind: deny\n      schedule: '0 22 * * *'\n      duration: 1h\n"))
                .hasMessageContaining("requires one of application, cluster or namespace");
        assertThat(refused("  syncWindows:\n    - kind: deny\n      schedule: '0 22 * * *'\n      duration: 1h\n"
                + "      applications: ['*']\n      manualSync: 'yes please'\n"))
                .hasMessageContaining("spec.syncWindows[0].manualSync must be true or false");
        assertThat(refused("  sourceRepos: ['https://github.com/[org/*']\n"))
                .hasMessageContaining("sourceRepos[0] 'https://github.com/[org/*'").hasMessageContaining("not a valid glob");
        assertThat(refused("  sourceRepos: ['!*']\n")).hasMessageContaining("invalid format, '!*'");
        assertThat(refused("  destinations:\n    - server: '*'\n      namespace: '!*'\n"))
                .hasMessageContaining("spec.destinations[0].namespace has an invalid format, '!*'");
        assertThat(refused("  clusterResourceBlacklist:\n    - group: '['\n      kind: '*'\n"))
                .hasMessageContaining("spec.clusterResourceBlacklist[0]").hasMessageContaining("syntax error in pattern");
        assertThat(refused("  clusterResourceBlacklist:\n    - kind: Namespace\n"))
                .hasMessageContaining("spec.clusterResourceBlacklist[0].group is required");
        assertThat(refused("  sourceRepos: https://github.com/org/repo\n")).hasMessageContaining("spec.sourceRepos must be a list");
        assertThat(refused("  sourceRepos: ['a', 'a']\n")).hasMessageContaining("'a' already added");
    }

    @Test
    void signedCommitRequirementsAreRefusedRatherThanIgnored() {
        assertThat(refused("  signatureKeys:\n    - keyID: 4AEE18F83AFDEB23\n"))
                .hasMessageContaining("spec.signatureKeys (commits must be signed) is not enforced by GitOps4J");
        assertThat(refused("  sourceIntegrity:\n    git: {}\n")).hasMessageContaining("spec.sourceIntegrity");
    }

    @Test
    void otherDocumentsAreSkippedAndMalformedYamlNamesTheLine() {
        assertThat(AppProjects.read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "f.yaml")).isEmpty();
        assertThatThrownBy(() -> AppProjects.read("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: [\n",
                "f.yaml")).isInstanceOf(ManifestException.class).hasMessageContaining("f.yaml");
        assertThatThrownBy(() -> AppProjects.read("apiVersion: argoproj.io/v1beta1\nkind: AppProject\nmetadata:\n"
                + "  name: p\n", "f.yaml")).hasMessageContaining("apiVersion argoproj.io/v1beta1 is not one Argo CD serves");
        assertThatThrownBy(() -> AppProjects.read("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata: {}\n",
                "f.yaml")).hasMessageContaining("metadata.name is required");
    }

    @Test
    void anUnknownTimeZoneIsReadAsUtcAsArgoDoes() {
        AppProject project = AppProjects.readOne("apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n"
                + "  name: p\nspec:\n  syncWindows:\n    - kind: deny\n      schedule: '0 22 * * *'\n      duration: 1h\n"
                + "      applications: ['*']\n      timeZone: Mars/Olympus\n", "f.yaml");
        assertThat(project.syncWindows().get(0).zone()).isEmpty();
    }

    /** Every field of Argo CD's AppProject CRD (../shared) is one the reader knows: none is refused as unknown. */
    @Test
    void everyFieldOfArgoCdsCrdIsKnown() throws IOException {
        Path crd = Path.of("../../shared/data/argocd-crds/appproject-crd.yaml.gz");
        assumeTrue(Files.exists(crd), "../shared is absent");
        String yaml;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(crd))) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JsonNode schema = Yaml.readDocuments(yaml, crd.toString()).get(0).body()
                .at("/spec/versions/0/schema/openAPIV3Schema/properties");
        for (String path : ProjectFields.KNOWN.keySet()) {
            JsonNode block = schema;
            for (String part : path.isEmpty() ? new String[0] : path.split("\\.")) {
                String name = part.replace("[]", "");
                block = block.path(name);
                block = part.endsWith("[]") ? block.path("items").path("properties") : block.path("properties");
            }
            List<String> crdFields = new java.util.ArrayList<>();
            block.fieldNames().forEachRemaining(crdFields::add);
            assertThat(ProjectFields.KNOWN.get(path)).as(path).containsExactlyInAnyOrderElementsOf(crdFields);
        }
    }

    @Test
    void theDefaultProjectPermitsEverything() {
        AppProject def = AppProject.defaultProject();
        assertThat(def.sourceRepos()).containsExactly("*");
        assertThat(def.destinations()).containsExactly(ProjectDestination.server("*", "*"));
        assertThat(def.clusterResourceWhitelist()).containsExactly(ResourceRule.of("*", "*"));
        assertThat(def.namespaceResourceWhitelist()).isEqualTo(Optional.empty());
    }
}
