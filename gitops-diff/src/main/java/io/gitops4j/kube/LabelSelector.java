package io.gitops4j.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Kubernetes label selector: equality-based ({@code app=web}, {@code tier!=db}) and set-based
 * ({@code env in (prod,staging)}, {@code env notin (dev)}, {@code release}, {@code !canary}),
 * plus the numeric {@code replicas>2} form, with the API server's matching rules. Read from the
 * query-string form or from a {@code matchLabels} / {@code matchExpressions} object.
 */
public final class LabelSelector {

    private static final String KEY = "((?:[a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)";
    private static final String VALUE = "((?:[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?)";
    private static final Pattern VALUE_PATTERN = Pattern.compile(VALUE);
    private static final Pattern NOT_EXISTS = Pattern.compile("!\\s*" + KEY);
    private static final Pattern EXISTS = Pattern.compile(KEY);
    private static final Pattern EQUALITY = Pattern.compile(KEY + "\\s*(==|!=|=)\\s*" + VALUE);
    private static final Pattern SET = Pattern.compile(KEY + "\\s+(in|notin)\\s*\\((.*)\\)");
    private static final Pattern NUMERIC = Pattern.compile(KEY + "\\s*([<>])\\s*(-?[0-9]+)");

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /**
     * The selector that matches every object.
     *
     * @return the empty selector
     */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses the query-string form, for example {@code app=web,env in (prod,staging),!canary}.
     *
     *
     * @param selector the selector; blank selects everything
     * @return the parsed selector
     * @throws IllegalArgumentException naming the selector and the requirement it cannot read
     */
    public static LabelSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        for (String part : splitTopLevel(selector)) {
            String text = part.trim();
            if (text.isEmpty()) {
                if (!selector.isBlank()) {
                    throw invalid(selector, "empty requirement");
                }
                continue;
            }
            requirements.add(parseRequirement(selector, text));
        }
        return new LabelSelector(requirements);
    }

    /**
     * Reads a {@code metav1.LabelSelector} object ({@code matchLabels} and
     * {@code matchExpressions} with operators In, NotIn, Exists, DoesNotExist).
     *
     * @param selector the {@code LabelSelector} object; a missing node selects everything
     * @return the selector
     * @throws IllegalArgumentException naming the key of an expression whose operator is not one of those
     *     four
     */
    public static LabelSelector fromJson(JsonNode selector) {
        List<Requirement> requirements = new ArrayList<>();
        selector.path("matchLabels").properties().forEach(e ->
                requirements.add(new Requirement(e.getKey(), Operator.EQUALS, Set.of(e.getValue().asText()))));
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            Set<String> values = new TreeSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            String operator = expression.path("operator").asText();
            requirements.add(new Requirement(key, switch (operator) {
                case "In" -> Operator.IN;
                case "NotIn" -> Operator.NOT_IN;
                case "Exists" -> Operator.EXISTS;
                case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
                default -> throw new IllegalArgumentException("label selector operator '" + operator
                        + "' for key '" + key + "' is not one of In, NotIn, Exists, DoesNotExist");
            }, values));
        }
        return new LabelSelector(requirements);
    }

    /**
     * Whether an object with these labels is selected.
     *
     * @param labels the object's labels
     * @return whether every requirement holds
     */
    public boolean matches(Map<String, String> labels) {
        return matches(labels::get);
    }

    /**
     * Whether an object is selected by its {@code metadata.labels}.
     *
     * @param object a Kubernetes object
     * @return whether every requirement holds for its labels
     */
    public boolean matchesLabelsOf(JsonNode object) {
        JsonNode labels = object.path("metadata").path("labels");
        return matches(key -> {
            JsonNode value = labels.get(key);
            return value == null || value.isNull() ? null : value.asText();
        });
    }

    private boolean matches(Function<String, String> labelValue) {
        for (Requirement requirement : requirements) {
            if (!requirement.matches(labelValue.apply(requirement.key()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * For each label this selector requires to have one of a few values ({@code key=value},
     * {@code key==value}, {@code key in (a,b)}), those values: what an index can look up.
     *
     * @return the values, by label key, in the order of the requirements
     */
    public Map<String, Set<String>> requiredValues() {
        Map<String, Set<String>> required = new LinkedHashMap<>();
        for (Requirement requirement : requirements) {
            if (requirement.operator() == Operator.EQUALS || requirement.operator() == Operator.IN) {
                required.merge(requirement.key(), requirement.values(), (a, b) -> {
                    Set<String> both = new TreeSet<>(a);
                    both.retainAll(b);
                    return both;
                });
            }
        }
        return required;
    }

    /**
     * Whether this selector matches everything.
     *
     * @return {@code true} when there are no requirements
     */
    public boolean isEverything() {
        return requirements.isEmpty();
    }

    /** The query-string form, as an API server accepts it. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector that && that.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static Requirement parseRequirement(String selector, String text) {
        Matcher m;
        if ((m = SET.matcher(text)).matches()) {
            Set<String> values = new TreeSet<>();
            for (String value : m.group(5).split(",", -1)) {
                String v = value.trim();
                if (!VALUE_PATTERN.matcher(v).matches()) {
                    throw invalid(selector, "invalid value '" + v + "'");
                }
                values.add(v);
            }
            return new Requirement(m.group(1), m.group(4).equals("in") ? Operator.IN : Operator.NOT_IN, values);
        }
        if ((m = EQUALITY.matcher(text)).matches()) {
            return new Requirement(m.group(1), m.group(4).equals("!=") ? Operator.NOT_EQUALS : Operator.EQUALS,
                    Set.of(m.group(5)));
        }
        if ((m = NUMERIC.matcher(text)).matches()) {
            return new Requirement(m.group(1), m.group(4).equals(">") ? Operator.GREATER_THAN : Operator.LESS_THAN,
                    Set.of(m.group(5)));
        }
        if ((m = NOT_EXISTS.matcher(text)).matches()) {
            return new Requirement(m.group(1), Operator.DOES_NOT_EXIST, Set.of());
        }
        if ((m = EXISTS.matcher(text)).matches()) {
            return new Requirement(m.group(1), Operator.EXISTS, Set.of());
        }
        throw invalid(selector, "cannot read requirement '" + text + "'");
    }

    private static List<String> splitTopLevel(String selector) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(selector.substring(start));
        return parts;
    }

    private static IllegalArgumentException invalid(String selector, String problem) {
        return new IllegalArgumentException("invalid label selector '" + selector + "': " + problem);
    }

    private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GREATER_THAN, LESS_THAN }

    private record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(String value) {
            return switch (operator) {
                case EQUALS, IN -> value != null && values.contains(value);
                case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> value != null;
                case DOES_NOT_EXIST -> value == null;
                case GREATER_THAN -> isNumber(value) && Long.parseLong(value) > bound();
                case LESS_THAN -> isNumber(value) && Long.parseLong(value) < bound();
            };
        }

        private long bound() {
            return Long.parseLong(values.iterator().next());
        }

        private static boolean isNumber(String value) {
            return value != null && value.matches("-?[0-9]{1,18}");
        }

        @Override
        public String toString() {
            String joined = String.join(",", values);
            return switch (operator) {
                case EQUALS -> key + "=" + joined;
                case NOT_EQUALS -> key + "!=" + joined;
                case IN -> key + " in (" + joined + ")";
                case NOT_IN -> key + " notin (" + joined + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
                case GREATER_THAN -> key + ">" + joined;
                case LESS_THAN -> key + "<" + joined;
            };
        }
    }
}
