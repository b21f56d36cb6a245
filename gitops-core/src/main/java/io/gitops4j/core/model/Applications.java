package io.gitops4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.ignore.IgnoreRule;
import io.gitops4j.diff.ignore.IgnoreRuleException;
import io.gitops4j.diff.ignore.IgnoreRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Argo CD {@code argoproj.io/v1alpha1} Application manifests, unchanged, into
 * {@link Application} values.
 *
 * <p>The source's {@code directory}, {@code kustomize}, {@code helm}, {@code plugin} and
 * {@code chart} options are read ({@link SourceReader}), and so is {@code spec.syncPolicy}
 * ({@code automated}, {@code syncOptions}, {@code retry}, {@code managedNamespaceMetadata}:
 * {@link SyncPolicyReader}). Fields GitOps4J does not act on yet (a few rendering options) are
 * accepted and logged as a warning, so an existing Application file reads without edits; a field
 * whose absence would change what is deployed (multiple {@code spec.sources}) is an error.
 */
public final class Applications {

    private Applications() {
    }

    /** Reads every Application in a YAML file; other documents are skipped. */
    public static List<Application> read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new InvalidApplicationException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Reads every Application in a YAML stream; other documents are skipped.
     *
     * @param source the file name to report in errors
     * @throws io.gitops4j.kube.ManifestException when the YAML is malformed
     * @throws InvalidApplicationException naming the file, line and field of an invalid Application
     */
    public static List<Application> read(String yaml, String source) {
        List<Application> applications = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(yaml, source)) {
            if (KubernetesObjects.kind(document.body()).equals("Application")
                    && KubernetesObjects.apiVersion(document.body()).startsWith("argoproj.io/")) {
                applications.add(toApplication(document));
            }
        }
        return applications;
    }

    /** Reads a YAML stream that must hold exactly one Application. */
    public static Application readOne(String yaml, String source) {
        List<Application> applications = read(yaml, source);
        if (applications.size() != 1) {
            throw new InvalidApplicationException(source + ": expected one argoproj.io Application, found "
                    + applications.size());
        }
        return applications.get(0);
    }

    private static Application toApplication(YamlDocument document) {
        JsonNode app = document.body();
        String name = KubernetesObjects.name(app);
        String where = document.location() + ": Application " + (name.isEmpty() ? "(unnamed)" : name) + ": ";
        if (name.isEmpty()) {
            throw new InvalidApplicationException(where + "metadata.name is required");
        }
        if (app.at("/spec/sources").isArray() && !app.at("/spec/source").isObject()) {
            throw new InvalidApplicationException(where + "spec.sources (multiple sources) is not supported yet; "
                    + "use a single spec.source");
        }
        if (!app.at("/spec/source").isObject()) {
            throw new InvalidApplicationException(where + "spec.source is required");
        }
        String repoURL = text(app, "/spec/source/repoURL", where);
        if (repoURL.isBlank()) {
            throw new InvalidApplicationException(where + "spec.source.repoURL is required");
        }
        SourceReader options = new SourceReader(app.at("/spec/source"), where);
        ApplicationSource source = new ApplicationSource(repoURL,
                text(app, "/spec/source/targetRevision", where), text(app, "/spec/source/path", where),
                options.directory(), options.chart(), options.kustomize(), options.helm(), options.plugin());
        ApplicationDestination destination = new ApplicationDestination(text(app, "/spec/destination/server", where),
                text(app, "/spec/destination/name", where), text(app, "/spec/destination/namespace", where));
        return new Application(name, text(app, "/spec/project", where), source, destination, automated(app, where),
                ignoreDifferences(app, where), new SyncPolicyReader(app.at("/spec/syncPolicy"), where).read());
    }

    /** {@code spec.ignoreDifferences}, checked now so that a bad pointer or jq path fails here. */
    private static List<IgnoreRule> ignoreDifferences(JsonNode app, String where) {
        JsonNode rules = app.at("/spec/ignoreDifferences");
        if (rules.isMissingNode() || rules.isNull()) {
            return List.of();
        }
        try {
            List<IgnoreRule> parsed = IgnoreRules.fromJson(rules, where + "spec.ignoreDifferences");
            IgnoreDifferences.of(parsed);
            return parsed;
        } catch (ManifestException | IgnoreRuleException e) {
            throw new InvalidApplicationException(e instanceof ManifestException
                    ? e.getMessage() : where + "spec.ignoreDifferences: " + e.getMessage());
        }
    }

    private static AutomatedSync automated(JsonNode app, String where) {
        JsonNode automated = app.at("/spec/syncPolicy/automated");
        if (automated.isMissingNode() || automated.isNull()) {
            return AutomatedSync.DISABLED;
        }
        if (!automated.isObject()) {
            throw new InvalidApplicationException(where + "spec.syncPolicy.automated must be a mapping");
        }
        boolean enabled = !automated.has("enabled") || bool(app, "/spec/syncPolicy/automated/enabled", where);
        return new AutomatedSync(enabled, bool(app, "/spec/syncPolicy/automated/prune", where),
                bool(app, "/spec/syncPolicy/automated/selfHeal", where),
                bool(app, "/spec/syncPolicy/automated/allowEmpty", where));
    }

    private static String text(JsonNode app, String pointer, String where) {
        JsonNode value = app.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (!value.isValueNode()) {
            throw new InvalidApplicationException(where + field(pointer) + " must be a string");
        }
        return value.asText();
    }

    private static boolean bool(JsonNode app, String pointer, String where) {
        JsonNode value = app.at(pointer);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new InvalidApplicationException(where + field(pointer) + " must be true or false, not '"
                    + value.asText() + "'");
        }
        return value.asBoolean();
    }

    private static String field(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }
}
