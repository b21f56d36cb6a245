package io.gitops4j.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.core.appset.ApplicationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The steps of an ApplicationSet's {@code strategy: RollingSync}, and which step selects an
 * application, as Argo CD's {@code buildAppDependencyList}: every {@code matchExpressions} entry
 * of a step must hold ({@code In}: the label is one of the values; {@code NotIn}: it is none of
 * them, or the label is absent); another operator selects nothing; an application two steps
 * select belongs to the first.
 */
record RolloutSteps(List<Step> steps, List<String> issues) {

    /** One step: its expressions and {@code maxUpdate} (empty: all at once). */
    record Step(List<Expression> expressions, Optional<JsonNode> maxUpdate) {
    }

    /** One {@code matchExpressions} entry. */
    record Expression(String key, String operator, List<String> values) {
    }

    RolloutSteps {
        steps = List.copyOf(steps);
        issues = List.copyOf(issues);
    }

    /** The set's RollingSync steps, or empty when it syncs all at once (no strategy, {@code AllAtOnce}, no steps). */
    static Optional<RolloutSteps> of(ApplicationSet set) {
        JsonNode strategy = set.strategy();
        if (!strategy.path("type").asText("").equals("RollingSync") || !strategy.path("rollingSync").isObject()) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        List<String> issues = new ArrayList<>();
        int index = 0;
        for (JsonNode step : strategy.path("rollingSync").path("steps")) {
            index++;
            List<Expression> expressions = new ArrayList<>();
            for (JsonNode expression : step.path("matchExpressions")) {
                List<String> values = new ArrayList<>();
                expression.path("values").forEach(v -> values.add(v.asText()));
                String operator = expression.path("operator").asText("");
                if (!operator.equals("In") && !operator.equals("NotIn")) {
                    issues.add("step " + index + ": matchExpressions operator '" + operator
                            + "' is not In or NotIn; it selects nothing");
                }
                expressions.add(new Expression(expression.path("key").asText(""), operator, values));
            }
            JsonNode maxUpdate = step.path("maxUpdate");
            steps.add(new Step(expressions, maxUpdate.isMissingNode() || maxUpdate.isNull() ? Optional.empty()
                    : Optional.of(maxUpdate)));
        }
        return steps.isEmpty() ? Optional.empty() : Optional.of(new RolloutSteps(steps, issues));
    }

    /** The index of the first step selecting an application with these labels, or -1. */
    int stepOf(Map<String, String> labels) {
        for (int i = 0; i < steps.size(); i++) {
            if (selects(steps.get(i), labels)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean selects(Step step, Map<String, String> labels) {
        for (Expression expression : step.expressions()) {
            String value = labels.get(expression.key());
            if (value == null) {
                if (expression.operator().equals("In")) {
                    return false;
                }
                continue;
            }
            boolean in = expression.values().contains(value);
            boolean matched = switch (expression.operator()) {
                case "In" -> in;
                case "NotIn" -> !in;
                default -> false;
            };
            if (!matched) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many applications of a step of {@code total} may be Pending or Progressing at once:
     * an integer, or a percentage of the step rounded down but at least 1 (unless {@code 0%});
     * unbounded when absent or unreadable.
     */
    int maxUpdate(int stepIndex, int total) {
        Optional<JsonNode> value = steps.get(stepIndex).maxUpdate();
        if (value.isEmpty()) {
            return Integer.MAX_VALUE;
        }
        JsonNode node = value.get();
        if (node.canConvertToInt() && node.isIntegralNumber()) {
            return node.asInt();
        }
        String text = node.asText("").trim();
        if (text.endsWith("%")) {
            try {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                int scaled = (int) Math.floor(total * percent / 100.0);
                return text.equals("0%") ? 0 : Math.max(scaled, 1);
            } catch (NumberFormatException e) {
                return Integer.MAX_VALUE;
            }
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
