package io.gitops4j.kube.internal.yaml;

import java.util.Locale;

/**
 * The limits one read enforces, as plain numbers (the public {@code YamlLimits} maps onto it).
 *
 * @param maxInputSize characters of the whole text, counting what aliases repeat
 * @param maxDocumentSize characters of one document, counting what aliases repeat
 * @param maxScalarSize characters of one scalar (a key or a value)
 * @param maxDepth nesting of mappings and sequences
 * @param maxAliasExpansion nodes that aliases may add to the trees of one read
 */
public record Limits(int maxInputSize, int maxDocumentSize, int maxScalarSize, int maxDepth, int maxAliasExpansion) {

    static String format(long number) {
        return String.format(Locale.ROOT, "%,d", number);
    }
}
