package io.gitops4j.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.internal.yaml.Dialect;
import io.gitops4j.kube.internal.yaml.Limits;
import io.gitops4j.kube.internal.yaml.YamlProblem;
import io.gitops4j.kube.internal.yaml.YamlTrees;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads YAML (and JSON, which it detects) the way one of the Go tools reads it, into Jackson
 * trees. Immutable. Every reader expands aliases, applies merge keys as its go-yaml version does,
 * accepts tabs where go-yaml accepts them, and enforces {@link YamlLimits}.
 *
 * <p>Which reader to use:
 * <ul>
 *   <li>{@link #kubectl()}, exactly as kubectl reads (sigs.k8s.io/yaml on go-yaml v2, YAML 1.1
 *       scalars, the last of duplicate keys wins): Helm values files ({@code helm template} reads
 *       them with sigs.k8s.io/yaml), kustomization files (Kustomize reads
 *       {@code kustomization.yaml} with sigs.k8s.io/yaml), and manifests meant for
 *       {@code kubectl apply} or Argo CD's plain directories, where {@code enabled: yes} is
 *       {@code true} and {@code name: n} is {@code false}.</li>
 *   <li>{@link #kyaml()}, as Kustomize reads resources and patches (kyaml on go-yaml v3, YAML 1.2
 *       scalars, duplicate keys refused).</li>
 *   <li>{@link #defaults()}, what {@link Yaml#readDocuments(String, String)} and every caller
 *       that has not chosen uses: {@link Scalars#COMPATIBLE} scalars (what kubectl and kyaml
 *       agree on, and where they differ what GitOps4J read before these options existed), and the
 *       last of duplicate keys wins as in kubectl.</li>
 * </ul>
 *
 * @param scalars how plain scalars and merge keys are resolved
 * @param duplicateKeys what a key written twice in one mapping does
 * @param limits how much one read accepts
 */
public record YamlReader(Scalars scalars, DuplicateKeys duplicateKeys, YamlLimits limits) {

    /** How plain (unquoted) scalars are resolved to booleans, numbers and nulls. */
    public enum Scalars {
        /**
         * YAML 1.1 as go-yaml v2 resolves it through sigs.k8s.io/yaml (kubectl, Argo CD, Helm
         * values, kustomization files): {@code y}, {@code yes}, {@code on} (and {@code n},
         * {@code no}, {@code off}, in three spellings) are booleans, dates stay strings, a key
         * that is a boolean or number is named by its JSON form ({@code on:} becomes
         * {@code "true"}, {@code 0x10:} becomes {@code "16"}), and a merge key applies where it
         * stands (keys after {@code <<} override merged ones, merged ones override keys before it).
         */
        YAML_1_1,
        /**
         * YAML 1.2 as go-yaml v3 resolves it through kyaml (Kustomize's resources): only
         * {@code true} and {@code false} are booleans, dates become RFC 3339 timestamps as
         * Kustomize writes them, keys must be strings, and every key written in a mapping wins
         * over merged ones.
         */
        YAML_1_2,
        /**
         * What the two agree on (integers with Go's prefixes, {@code 3.0} as {@code 3}, nulls),
         * and where they differ what GitOps4J read before these options existed: {@code yes},
         * {@code no}, {@code on} and {@code off} are booleans as in YAML 1.1 but {@code y} and
         * {@code n} are strings, keys stay as written, dates stay strings, and written keys win
         * over merged ones. Neither tool reads exactly so; choose {@link #YAML_1_1} or
         * {@link #YAML_1_2} to read as one of them.
         */
        COMPATIBLE
    }

    /** What a key written twice in one mapping does. */
    public enum DuplicateKeys {
        /** The last one wins, as in sigs.k8s.io/yaml (kubectl, Argo CD, Helm, kustomization files). */
        LAST_WINS,
        /** Refused, naming both lines, as kyaml refuses them in Kustomize's resources. */
        REFUSE
    }

    /**
     * Checks that every part is given.
     *
     * @param scalars how plain scalars and merge keys are resolved
     * @param duplicateKeys what a key written twice in one mapping does
     * @param limits how much one read accepts
     * @throws NullPointerException when a part is {@code null}
     */
    public YamlReader {
        Objects.requireNonNull(scalars, "scalars");
        Objects.requireNonNull(duplicateKeys, "duplicateKeys");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * {@link Scalars#COMPATIBLE} scalars, the last of duplicate keys wins (as kubectl), default limits.
     *
     * @return the reader
     */
    public static YamlReader defaults() {
        return new YamlReader(Scalars.COMPATIBLE, DuplicateKeys.LAST_WINS, YamlLimits.defaults());
    }

    /**
     * As kubectl reads manifests (sigs.k8s.io/yaml): YAML 1.1 scalars, last duplicate key wins.
     *
     * @return the reader
     */
    public static YamlReader kubectl() {
        return new YamlReader(Scalars.YAML_1_1, DuplicateKeys.LAST_WINS, YamlLimits.defaults());
    }

    /**
     * As Kustomize reads resources (kyaml): YAML 1.2 scalars, duplicate keys refused.
     *
     * @return the reader
     */
    public static YamlReader kyaml() {
        return new YamlReader(Scalars.YAML_1_2, DuplicateKeys.REFUSE, YamlLimits.defaults());
    }

    /**
     * This reader with other limits.
     *
     * @param newLimits the limits
     * @return the new reader
     */
    public YamlReader withLimits(YamlLimits newLimits) {
        return new YamlReader(scalars, duplicateKeys, newLimits);
    }

    /**
     * This reader with another scalar resolution.
     *
     * @param newScalars the scalar resolution
     * @return the new reader
     */
    public YamlReader withScalars(Scalars newScalars) {
        return new YamlReader(newScalars, duplicateKeys, limits);
    }

    /**
     * This reader with another duplicate-key policy.
     *
     * @param policy the duplicate-key policy
     * @return the new reader
     */
    public YamlReader withDuplicateKeys(DuplicateKeys policy) {
        return new YamlReader(scalars, policy, limits);
    }

    /**
     * Reads every non-empty document of a YAML stream; each must be a mapping.
     *
     *
     * @param content the YAML or JSON text
     * @param source the file name to report in errors
     * @return the documents, in order, with their lines
     * @throws ManifestException naming the source and line when the text is malformed, exceeds a
     *     limit, or a document is not a mapping
     */
    public List<YamlDocument> readDocuments(String content, String source) {
        List<YamlDocument> documents = new ArrayList<>();
        for (YamlTrees.Document document : read(content, source, false)) {
            JsonNode node = document.root();
            if (node == null || node.isNull()) {
                continue;
            }
            if (!(node instanceof ObjectNode object)) {
                throw new ManifestException(source, document.line(),
                        "a manifest document must be a mapping, found " + describe(node));
            }
            documents.add(new YamlDocument(object, source, document.line()));
        }
        return documents;
    }

    /**
     * Reads every non-empty document of a YAML stream as a value of any type (a mapping, a list or
     * a scalar), as Kustomize reads a patch file that may hold several patches.
     *
     *
     * @param content the YAML or JSON text
     * @param source the file name to report in errors
     * @return the values, in order
     * @throws ManifestException naming the source and line when the text is malformed or exceeds a
     *     limit
     */
    public List<JsonNode> readValues(String content, String source) {
        List<JsonNode> values = new ArrayList<>();
        for (YamlTrees.Document document : read(content, source, false)) {
            if (document.root() != null && !document.root().isNull()) {
                values.add(document.root());
            }
        }
        return values;
    }

    /**
     * Reads the first document as a value of any type (a mapping, a list or a scalar); a missing
     * node when the text holds no document. Later documents are not read, as go-yaml's
     * {@code Unmarshal} reads only the first.
     *
     *
     * @param content the YAML or JSON text
     * @param source the file name to report in errors
     * @return the value
     * @throws ManifestException naming the source and line when the text is malformed or exceeds a
     *     limit
     */
    public JsonNode readValue(String content, String source) {
        List<YamlTrees.Document> documents = read(content, source, true);
        JsonNode root = documents.isEmpty() ? null : documents.get(0).root();
        return root == null ? MissingNode.getInstance() : root;
    }

    private List<YamlTrees.Document> read(String content, String source, boolean firstOnly) {
        Objects.requireNonNull(content, "content");
        YamlLimits l = limits;
        try {
            return YamlTrees.read(content, dialect(), duplicateKeys == DuplicateKeys.REFUSE,
                    new Limits(l.maxInputSize(), l.maxDocumentSize(), l.maxScalarSize(), l.maxDepth(),
                            l.maxAliasExpansion()), firstOnly);
        } catch (YamlProblem problem) {
            throw new ManifestException(source, problem.line(), problem.problem());
        }
    }

    private Dialect dialect() {
        return switch (scalars) {
            case YAML_1_1 -> Dialect.GO_YAML_V2;
            case YAML_1_2 -> Dialect.GO_YAML_V3;
            case COMPATIBLE -> Dialect.COMPATIBLE;
        };
    }

    private static String describe(JsonNode node) {
        return node.isArray() ? "a list" : "the scalar '" + node.asText() + "'";
    }
}
