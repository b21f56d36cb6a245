package io.gitops4j.kube;

/**
 * How much YAML one read accepts, so that a hostile or broken file fails with a clear
 * {@link ManifestException} instead of exhausting time, memory or the stack. Sizes count
 * characters, including the characters that aliases repeat. Exceeding a limit names the source, the
 * line, the limit and the wither that raises it.
 *
 * <p>The defaults follow the Kubernetes tools:
 * <ul>
 *   <li>{@code maxInputSize} 64 MiB for one text: kubectl reads files of any size (a 50 MB file
 *       takes it about 3 s), so the bound is memory; Argo CD's repo server limits all the
 *       manifests of a directory app together to 10 MB by default.</li>
 *   <li>{@code maxDocumentSize} 5 MiB for one document: the buffer apimachinery's YAML document
 *       decoder allows, and Helm's limit for one file of a chart; an object the API server accepts
 *       is at most 3 MiB (its request limit) and etcd stores at most 1.5 MiB.</li>
 *   <li>{@code maxScalarSize} 3 MiB for one key or value: no object holding a larger value fits
 *       into an API server request.</li>
 *   <li>{@code maxDepth} 1,000 levels of mappings and sequences: Jackson's default nesting limit,
 *       which every tree read here must pass again to be written as YAML or sent as JSON (go-yaml
 *       and apimachinery's JSON allow 10,000).</li>
 *   <li>{@code maxAliasExpansion} 400,000 nodes added by aliases in one read: about what go-yaml's
 *       "excessive aliasing" rule lets through before it refuses a document.</li>
 * </ul>
 *
 * @param maxInputSize characters of the whole text, counting what aliases repeat
 * @param maxDocumentSize characters of one document, counting what aliases repeat
 * @param maxScalarSize characters of one scalar (a mapping key or a value)
 * @param maxDepth levels of nested mappings and sequences
 * @param maxAliasExpansion nodes (mappings, sequences and scalars) that expanding aliases may add
 */
public record YamlLimits(int maxInputSize, int maxDocumentSize, int maxScalarSize, int maxDepth,
        int maxAliasExpansion) {

    private static final int MIB = 1024 * 1024;
    private static final YamlLimits DEFAULTS = new YamlLimits(64 * MIB, 5 * MIB, 3 * MIB, 1_000, 400_000);

    /**
     * Checks that every limit is positive ({@code maxAliasExpansion} may be 0).
     *
     * @param maxInputSize characters of the whole text, counting what aliases repeat
     * @param maxDocumentSize characters of one document, counting what aliases repeat
     * @param maxScalarSize characters of one scalar (a mapping key or a value)
     * @param maxDepth levels of nested mappings and sequences
     * @param maxAliasExpansion nodes (mappings, sequences and scalars) that expanding aliases may add
     * @throws IllegalArgumentException naming the first limit that is out of range
     */
    public YamlLimits {
        positive(maxInputSize, "maxInputSize");
        positive(maxDocumentSize, "maxDocumentSize");
        positive(maxScalarSize, "maxScalarSize");
        positive(maxDepth, "maxDepth");
        if (maxAliasExpansion < 0) {
            throw new IllegalArgumentException("maxAliasExpansion must not be negative: " + maxAliasExpansion);
        }
    }

    /**
     * The defaults described above.
     *
     * @return the default limits
     */
    public static YamlLimits defaults() {
        return DEFAULTS;
    }

    /**
     * These limits with another {@code maxInputSize}.
     *
     * @param characters the largest input, in characters
     * @return the new limits
     */
    public YamlLimits withMaxInputSize(int characters) {
        return new YamlLimits(characters, maxDocumentSize, maxScalarSize, maxDepth, maxAliasExpansion);
    }

    /**
     * These limits with another {@code maxDocumentSize}.
     *
     * @param characters the largest single document, in characters
     * @return the new limits
     */
    public YamlLimits withMaxDocumentSize(int characters) {
        return new YamlLimits(maxInputSize, characters, maxScalarSize, maxDepth, maxAliasExpansion);
    }

    /**
     * These limits with another {@code maxScalarSize}.
     *
     * @param characters the largest single scalar, in characters
     * @return the new limits
     */
    public YamlLimits withMaxScalarSize(int characters) {
        return new YamlLimits(maxInputSize, maxDocumentSize, characters, maxDepth, maxAliasExpansion);
    }

    /**
     * These limits with another {@code maxDepth}.
     *
     * @param levels the deepest nesting of mappings and lists
     * @return the new limits
     */
    public YamlLimits withMaxDepth(int levels) {
        return new YamlLimits(maxInputSize, maxDocumentSize, maxScalarSize, levels, maxAliasExpansion);
    }

    /**
     * These limits with another {@code maxAliasExpansion}; 0 refuses every alias.
     *
     * @param nodes the most nodes all aliases may expand to
     * @return the new limits
     */
    public YamlLimits withMaxAliasExpansion(int nodes) {
        return new YamlLimits(maxInputSize, maxDocumentSize, maxScalarSize, maxDepth, nodes);
    }

    private static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
