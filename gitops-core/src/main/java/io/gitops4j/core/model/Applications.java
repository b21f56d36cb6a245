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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Argo CD {@code argoproj.io/v1alpha1} Application manifests, unchanged, into
 * {@link Application} values.
 *
 * <p>The source's {@code directory}, {@code kustomize}, {@code helm}, {@code plugin} and
 * {@code chart} options are read ({@link SourceReader}), and so is {@code spec.syncPolicy}
 * ({@code automated}, {@code syncOptions}, {@code retry}, {@code managedNamespaceMetadata}:
 * {@link SyncPolicyReader}), and {@code spec.revisionHistoryLimit}. Fields of Argo CD's
 * Application that GitOps4J does not act on yet (a few rendering options) are accepted and logged
 * as a warning, so an existing Application file reads without edits; several sources
 * ({@code spec.sources}, with {@code ref} sources for Helm value files) are read as Argo CD 2.6+
 * reads them. A field Argo CD's Application does not have (a typo such as {@code automatd}) is
 * dropped, as Argo CD's API server drops it, and reported on the application
 * ({@link Application#warnings()}: file, line, field and the field it probably meant); a known
 * field whose value has the wrong type is an {@link InvalidApplicationException}. Other
 * argoproj.io kinds (ApplicationSet, AppProject) are skipped and named
 * ({@link ApplicationDocuments#skipped()}).
 */
public final class Applications {

    /** The one apiVersion of Argo CD's Application. */
    public static final String API_VERSION = "argoproj.io/v1alpha1";

    private static final Logger LOG = LoggerFactory.getLogger(Applications.class);

    private Applications() {
    }

    /**
     * Reads every Application in a YAML file; other documents are skipped.
     *
     * @param file the YAML file
     * @return the Applications, in file order; empty when the file holds none
     */
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
     * @param yaml the YAML text, one or more documents
     * @param source the file name to report in errors
     * @return the Applications, in stream order
     * @throws io.gitops4j.kube.ManifestException when the YAML is malformed
     * @throws InvalidApplicationException naming the file, line and field of an invalid Application
     */
    public static List<Application> read(String yaml, String source) {
        return readDocuments(yaml, source).applications();
    }

    /**
     * Reads every Application in a YAML stream and names the other argoproj.io documents it
     * skipped (ApplicationSets, AppProjects); documents of other groups are not argoproj.io
     * objects and are not listed.
     *
     * @param yaml the YAML text, one or more documents
     * @param source the file name to report in errors
     * @return the Applications and the names of the skipped argoproj.io documents, in stream order
     * @throws io.gitops4j.kube.ManifestException when the YAML is malformed
     * @throws InvalidApplicationException naming the file, line and field of an invalid Application
     */
    public static ApplicationDocuments readDocuments(String yaml, String source) {
        return readAll(yaml, source);
    }

    /**
     * Reads a YAML stream that must hold exactly one Application; other documents are skipped.
     *
     * @param yaml the YAML text
     * @param source the file name to report in errors
     * @return the one Application
     * @throws InvalidApplicationException when there is none or more than one, naming the other
     *     argoproj.io kinds found (an ApplicationSet or AppProject is not an Application)
     */
    public static Application readOne(String yaml, String source) {
        ApplicationDocuments read = readAll(yaml, source);
        if (read.applications().size() != 1) {
            throw new InvalidApplicationException(source + ": expected one argoproj.io Application, found "
                    + read.applications().size() + (read.skipped().isEmpty() ? ""
                            : " (also " + String.join(", ", read.skipped()) + ", which the engine does not handle: "
                                    + "it reconciles Applications only)"));
        }
        return read.applications().get(0);
    }

    private static ApplicationDocuments readAll(String yaml, String source) {
        List<Application> applications = new ArrayList<>();
        List<String> otherKinds = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(yaml, source)) {
            JsonNode body = document.body();
            String apiVersion = KubernetesObjects.apiVersion(body);
            if (!apiVersion.startsWith("argoproj.io/")) {
                continue;
            }
            String kind = KubernetesObjects.kind(body);
            String name = KubernetesObjects.name(body);
            if (!kind.equals("Application")) {
                otherKinds.add(kind + " " + (name.isEmpty() ? "(unnamed)" : name) + " (" + document.location() + ")");
                LOG.warn("{}: {} {} ({}) is skipped: the engine reconciles Applications only", document.location(), kind,
                        name, apiVersion);
                continue;
            }
            if (!apiVersion.equals(API_VERSION)) {
                throw new InvalidApplicationException(document.location() + ": Application " + name + ": apiVersion "
                        + apiVersion + " is not one Argo CD serves; use " + API_VERSION);
            }
            applications.add(toApplication(document, Optional.of(yaml)));
        }
        return new ApplicationDocuments(applications, otherKinds);
    }

    /**
     * Reads an Application object already parsed (for example one generated by an
     * ApplicationSet), as {@link #readOne} reads it from YAML.
     *
     * @param application the Application object, with {@code apiVersion}, {@code kind}, {@code metadata}
     *     and {@code spec}
     * @param source the name to report in errors
     * @return the Application it describes
     * @throws InvalidApplicationException naming the source and field of an invalid Application
     */
    public static Application fromObject(com.fasterxml.jackson.databind.node.ObjectNode application, String source) {
        return toApplication(new YamlDocument(application, source, 1), Optional.empty());
    }

    private static Application toApplication(YamlDocument document, Optional<String> text) {
        JsonNode app = document.body();
        String name = KubernetesObjects.name(app);
        String where = document.location() + ": Application " + (name.isEmpty() ? "(unnamed)" : name) + ": ";
        if (name.isEmpty()) {
            throw new InvalidApplicationException(where + "metadata.name is required");
        }
        FieldWarnings warnings = new FieldWarnings(document, text, name);
        checkFields(app, where, warnings);
        List<ApplicationSource> sources = sources(app, where, warnings);
        ApplicationSource source;
        if (!sources.isEmpty()) {
            source = sources.get(0);
        } else if (!app.at("/spec/source").isObject()) {
            throw new InvalidApplicationException(where + "spec.source (or spec.sources) is required");
        } else {
            source = new SourceReader(app.at("/spec/source"), where, "spec.source", warnings).read();
        }
        ApplicationDestination destination = new ApplicationDestination(text(app, "/spec/destination/server", where),
                text(app, "/spec/destination/name", where), text(app, "/spec/destination/namespace", where));
        return new Application(name, text(app, "/spec/project", where), source, destination, automated(app, where),
                ignoreDifferences(app, where), new SyncPolicyReader(app.at("/spec/syncPolicy"), where).read(),
                revisionHistoryLimit(app, where), sources, annotations(app, where), warnings.warnings());
    }

    /**
     * {@code spec.sources}, each read as {@code spec.source} is; empty when absent or empty (then
     * {@code spec.source} counts, as in Argo CD). When both are set, {@code spec.source} is
     * ignored, as Argo CD ignores it.
     */
    private static List<ApplicationSource> sources(JsonNode app, String where, FieldWarnings warnings) {
        JsonNode list = app.at("/spec/sources");
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new InvalidApplicationException(where + "spec.sources must be a list of sources");
        }
        if (!list.isEmpty() && app.at("/spec/source").isObject()) {
            LOG.warn("{}spec.source is ignored: spec.sources is set, and wins as in Argo CD", where);
        }
        List<ApplicationSource> sources = new ArrayList<>();
        Set<String> refs = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ApplicationSource source = new SourceReader(list.get(i), where, "spec.sources[" + i + "]", warnings).read();
            if (!source.ref().isEmpty() && !refs.add(source.ref())) {
                throw new InvalidApplicationException(where + "spec.sources[" + i + "].ref '" + source.ref()
                        + "' is the ref of another source too; give each source its own ref");
            }
            sources.add(source);
        }
        return sources;
    }

    private static Map<String, String> annotations(JsonNode app, String where) {
        JsonNode node = app.at("/metadata/annotations");
        if (node.isMissingNode() || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidApplicationException(where + "metadata.annotations must be a map of strings");
        }
        Map<String, String> annotations = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new InvalidApplicationException(where + "metadata.annotations." + entry.getKey()
                        + " must be a string (quote it)");
            }
            annotations.put(entry.getKey(), entry.getValue().asText());
        }
        return annotations;
    }

    /**
     * Every block the reader knows must be a mapping; fields Argo CD's Application does not have
     * are noted as warnings (the source's sub-blocks: {@link SourceReader}).
     */
    private static void checkFields(JsonNode app, String where, FieldWarnings warnings) {
        warnings.check(app, "", "");
        for (String path : List.of("spec", "spec.destination", "spec.syncPolicy", "spec.syncPolicy.automated",
                "spec.syncPolicy.retry", "spec.syncPolicy.retry.backoff", "spec.syncPolicy.managedNamespaceMetadata",
                "spec.source")) {
            JsonNode block = app.at("/" + path.replace('.', '/'));
            if (!block.isMissingNode() && !block.isNull() && !block.isObject()) {
                throw new InvalidApplicationException(where + path + " must be a mapping");
            }
            warnings.check(block, path, path);
        }
    }

    /** {@code spec.revisionHistoryLimit}: a whole number, not negative; 10 when absent. */
    private static int revisionHistoryLimit(JsonNode app, String where) {
        JsonNode value = app.at("/spec/revisionHistoryLimit");
        if (value.isMissingNode() || value.isNull()) {
            return Application.DEFAULT_REVISION_HISTORY_LIMIT;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new InvalidApplicationException(where + "spec.revisionHistoryLimit must be a whole number, 0 or more, not '"
                    + value.asText() + "'");
        }
        return value.asInt();
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
