package io.gitops4j.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Kubernetes field selector such as {@code metadata.name=web,metadata.namespace!=kube-system}:
 * requirements on field values with {@code =}, {@code ==} and {@code !=}. Which fields a server
 * supports depends on the kind; every kind supports {@code metadata.name} and
 * {@code metadata.namespace}.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private final List<Requirement> requirements;

    private FieldSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /**
     * The selector that matches every object.
     *
     * @return the empty selector
     */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /**
     * A selector requiring one field to equal a value.
     *
     * @param field the field path, for example {@code metadata.name}
     * @param value the value it must have
     * @return the selector {@code field=value}
     */
    public static FieldSelector equal(String field, String value) {
        return new FieldSelector(List.of(new Requirement(field, true, value)));
    }

    /**
     * Parses the query-string form, for example {@code metadata.name=web,status.phase!=Running}.
     *
     *
     * @param selector the selector; blank selects everything
     * @return the parsed selector
     * @throws IllegalArgumentException naming the selector and the requirement it cannot read
     */
    public static FieldSelector parse(String selector) {
        List<Requirement> requirements = new ArrayList<>();
        if (selector.isBlank()) {
            return EVERYTHING;
        }
        for (String part : selector.split(",", -1)) {
            String text = part.trim();
            int notEquals = text.indexOf("!=");
            int equals = text.indexOf('=');
            if (notEquals > 0) {
                requirements.add(new Requirement(text.substring(0, notEquals).trim(), false,
                        text.substring(notEquals + 2).trim()));
            } else if (equals > 0) {
                int valueStart = text.startsWith("==", equals) ? equals + 2 : equals + 1;
                requirements.add(new Requirement(text.substring(0, equals).trim(), true, text.substring(valueStart).trim()));
            } else {
                throw new IllegalArgumentException("invalid field selector '" + selector
                        + "': cannot read requirement '" + text + "' (expected field=value or field!=value)");
            }
        }
        return new FieldSelector(requirements);
    }

    /**
     * The requirements, in their order.
     *
     * @return the requirements, all of which must hold
     */
    public List<Requirement> requirements() {
        return requirements;
    }

    /**
     * Whether an object with these field values is selected; a field missing from
     * {@code fields} counts as the empty string.
     *
     * @param fields the object's selectable fields, by path
     * @return whether every requirement holds
     */
    public boolean matches(Map<String, String> fields) {
        for (Requirement requirement : requirements) {
            if (fields.getOrDefault(requirement.field(), "").equals(requirement.value()) != requirement.equals()) {
                return false;
            }
        }
        return true;
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
        return other instanceof FieldSelector that && that.requirements.equals(requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }

    /**
     * One requirement.
     *
     * @param field the field path, for example {@code metadata.name}
     * @param equals whether the value must be equal ({@code =}) or different ({@code !=})
     * @param value the value
     */
    public record Requirement(String field, boolean equals, String value) {

        @Override
        public String toString() {
            return field + (equals ? "=" : "!=") + value;
        }
    }
}
