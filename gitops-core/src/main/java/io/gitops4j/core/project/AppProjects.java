package io.gitops4j.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.kube.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Argo CD {@code argoproj.io/v1alpha1} AppProject manifests, unchanged, into
 * {@link AppProject} values; other documents are skipped.
 *
 * <p>Every field of Argo CD's AppProject is known: a field it does not have is refused naming it
 * and the field it probably meant ({@code spec.sourceRepo: did you mean spec.sourceRepos?}).
 * Fields about Argo CD's API server rather than what is deployed ({@code roles},
 * {@code orphanedResources}, {@code destinationServiceAccounts}, which Argo CD uses only with
 * impersonation turned on) are accepted and logged as not applied. Fields that would restrict what
 * is deployed and that GitOps4J does not enforce ({@code signatureKeys}, {@code sourceIntegrity}:
 * signed commits) are refused, rather than deploying what the project forbids. Each pattern,
 * schedule and duration is checked here, so that a malformed one fails naming the file, line,
 * project and field.
 */
public final class AppProjects {

    /** The one apiVersion of Argo CD's AppProject. */
    public static final String API_VERSION = "argoproj.io/v1alpha1";

    private static final Logger LOG = LoggerFactory.getLogger(AppProjects.class);

    private AppProjects() {
    }

    /**
     * Reads every AppProject in a YAML file.
     *
     * @param file the YAML file
     * @return the AppProjects, in file order
     */
    public static List<AppProject> read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidProjectException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads every AppProject in a YAML stream, as kubectl reads it (YAML 1.1 scalars).
     *
     * @param yaml the YAML text, one or more documents
     * @param source the file name to report in errors
     * @return the AppProjects, in stream order
     * @throws io.gitops4j.kube.ManifestException when the YAML is malformed
     * @throws InvalidProjectException naming the file, line, project and field of an invalid project
     */
    public static List<AppProject> read(String yaml, String source) {
        List<AppProject> projects = new ArrayList<>();
        for (YamlDocument document : YamlReader.kubectl().readDocuments(yaml, source)) {
            JsonNode body = document.body();
            if (KubernetesObjects.kind(body).equals("AppProject")
                    && KubernetesObjects.apiVersion(body).startsWith("argoproj.io/")) {
                projects.add(toProject(document));
            }
        }
        return projects;
    }

    /**
     * Reads a YAML stream that must hold exactly one AppProject.
     *
     * @param yaml the YAML text
     * @param source the file name to report in errors
     * @return the one AppProject
     */
    public static AppProject readOne(String yaml, String source) {
        List<AppProject> projects = read(yaml, source);
        if (projects.size() != 1) {
            throw new InvalidProjectException(source + ": expected one argoproj.io AppProject, found " + projects.size());
        }
        return projects.get(0);
    }

    private static AppProject toProject(YamlDocument document) {
        JsonNode body = document.body();
        String name = KubernetesObjects.name(body);
        String where = document.location() + ": AppProject " + (name.isEmpty() ? "(unnamed)" : name) + ": ";
        Function<String, InvalidProjectException> problem = message -> new InvalidProjectException(where + message);
        if (name.isEmpty()) {
            throw problem.apply("metadata.name is required");
        }
        if (!KubernetesObjects.apiVersion(body).equals(API_VERSION)) {
            throw problem.apply("apiVersion " + KubernetesObjects.apiVersion(body) + " is not one Argo CD serves; use "
                    + API_VERSION);
        }
        ProjectFields.requireKnown(body, "", "", where);
        JsonNode spec = body.path("spec");
        if (!YamlFields.isAbsent(spec) && !spec.isObject()) {
            throw problem.apply("spec must be a mapping");
        }
        ProjectFields.requireKnown(spec, "spec", "spec", where);
        for (String refused : List.of("signatureKeys", "sourceIntegrity")) {
            if (!YamlFields.isAbsent(spec.path(refused))) {
                throw problem.apply("spec." + refused + " (commits must be signed) is not enforced by GitOps4J; remove it "
                        + "only if this project may deploy unsigned commits");
            }
        }
        for (String ignored : List.of("roles", "orphanedResources", "destinationServiceAccounts")) {
            if (!YamlFields.isAbsent(spec.path(ignored))) {
                LOG.warn("{}spec.{} is not applied by GitOps4J and is ignored", where, ignored);
            }
        }
        try {
            return new AppProject(name, YamlFields.text(spec.path("description"), "spec.description", problem),
                    YamlFields.strings(spec.path("sourceRepos"), "spec.sourceRepos", problem),
                    destinations(spec, where, problem),
                    rules(spec, "clusterResourceWhitelist", where, problem),
                    rules(spec, "clusterResourceBlacklist", where, problem),
                    YamlFields.isAbsent(spec.path("namespaceResourceWhitelist")) ? Optional.empty()
                            : Optional.of(rules(spec, "namespaceResourceWhitelist", where, problem)),
                    rules(spec, "namespaceResourceBlacklist", where, problem),
                    YamlFields.strings(spec.path("sourceNamespaces"), "spec.sourceNamespaces", problem),
                    new SyncWindowReader(where, problem).read(spec.path("syncWindows")),
                    YamlFields.bool(spec.path("permitOnlyProjectScopedClusters"), "spec.permitOnlyProjectScopedClusters",
                            problem).orElse(false));
        } catch (IllegalArgumentException e) {
            throw problem.apply("spec." + e.getMessage());
        }
    }

    private static List<ProjectDestination> destinations(JsonNode spec, String where,
            Function<String, InvalidProjectException> problem) {
        List<ProjectDestination> destinations = new ArrayList<>();
        List<JsonNode> items = YamlFields.list(spec.path("destinations"), "spec.destinations", problem);
        for (int i = 0; i < items.size(); i++) {
            String path = "spec.destinations[" + i + "]";
            JsonNode item = mapping(items.get(i), path, problem);
            ProjectFields.requireKnown(item, "spec.destinations[]", path, where);
            destinations.add(new ProjectDestination(YamlFields.text(item.path("server"), path + ".server", problem),
                    YamlFields.text(item.path("name"), path + ".name", problem),
                    YamlFields.text(item.path("namespace"), path + ".namespace", problem)));
        }
        return destinations;
    }

    private static List<ResourceRule> rules(JsonNode spec, String field, String where,
            Function<String, InvalidProjectException> problem) {
        List<ResourceRule> rules = new ArrayList<>();
        List<JsonNode> items = YamlFields.list(spec.path(field), "spec." + field, problem);
        for (int i = 0; i < items.size(); i++) {
            String path = "spec." + field + "[" + i + "]";
            JsonNode item = mapping(items.get(i), path, problem);
            ProjectFields.requireKnown(item, "spec." + field + "[]", path, where);
            for (String required : List.of("group", "kind")) {
                if (YamlFields.isAbsent(item.path(required))) {
                    throw problem.apply(path + "." + required + " is required (\"\" for the core group, \"*\" for any)");
                }
            }
            rules.add(new ResourceRule(YamlFields.text(item.path("group"), path + ".group", problem),
                    YamlFields.text(item.path("kind"), path + ".kind", problem),
                    YamlFields.text(item.path("name"), path + ".name", problem)));
        }
        return rules;
    }

    static JsonNode mapping(JsonNode item, String path, Function<String, InvalidProjectException> problem) {
        if (!item.isObject()) {
            throw problem.apply(path + " must be a mapping");
        }
        return item;
    }
}
