package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset CustomResourceDefinitions use in {@code additionalPrinterColumns}: fields
 * ({@code .status.phase}), indexes ({@code .spec.containers[0].image}) and equality filters
 * ({@code .status.conditions[?(@.type=="Ready")].status}, first match), optionally in braces.
 * A path it cannot read gives no value, as a column whose value is absent.
 */
final class SimpleJsonPath {

    private static final Pattern STEP = Pattern.compile(
            "\\.([^.\\[]+)|\\[(\\d+)]|\\[\\?\\(@\\.([^=!<> ]+)\\s*==\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)\\s]+))\\)]");

    private SimpleJsonPath() {
    }

    /** The value at {@code path} in {@code object}, if there is one. */
    static Optional<JsonNode> read(JsonNode object, String path) {
        String expression = path.trim();
        if (expression.startsWith("{") && expression.endsWith("}")) {
            expression = expression.substring(1, expression.length() - 1).trim();
        }
        if (expression.startsWith("$")) {
            expression = expression.substring(1);
        }
        Matcher step = STEP.matcher(expression);
        JsonNode node = object;
        int position = 0;
        while (position < expression.length()) {
            if (!step.find(position) || step.start() != position) {
                return Optional.empty();
            }
            node = apply(node, step);
            if (node == null || node.isMissingNode()) {
                return Optional.empty();
            }
            position = step.end();
        }
        return Optional.of(node);
    }

    private static JsonNode apply(JsonNode node, Matcher step) {
        if (step.group(1) != null) {
            return node.path(step.group(1));
        }
        if (step.group(2) != null) {
            return node.path(Integer.parseInt(step.group(2)));
        }
        String wanted = step.group(4) != null ? step.group(4) : step.group(5) != null ? step.group(5) : step.group(6);
        for (JsonNode item : node) {
            if (item.path(step.group(3)).asText().equals(wanted)) {
                return item;
            }
        }
        return null;
    }
}
