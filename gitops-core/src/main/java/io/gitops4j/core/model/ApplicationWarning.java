package io.gitops4j.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A field of an Application manifest that Argo CD's Application does not have (a typo such as
 * {@code syncPolicy.automated.prunee}), dropped as Argo CD's API server drops unknown fields; the
 * application is read without it and still works. {@link Applications} hands these out with the
 * application ({@link Application#warnings()}); the application controller shows them as an
 * {@code UnknownFieldWarning} condition. A known field with a value of the wrong type is not a
 * warning but an {@link InvalidApplicationException}.
 *
 * @param source the file (or object) the Application was read from
 * @param line the 1-based line of the field in {@code source}; that of the Application's document
 *     when the field's own cannot be told, 0 when the Application was not read from text
 * @param application the Application's name
 * @param field the field's path, such as {@code spec.syncPolicy.automated.prunee}
 * @param suggestion the path of the known field it probably meant, such as
 *     {@code spec.syncPolicy.automated.prune}; empty when none is close
 * @param knownFields the fields Argo CD's Application has in the same block, sorted
 */
public record ApplicationWarning(String source, int line, String application, String field,
        Optional<String> suggestion, List<String> knownFields) {

    /**
     * Requires every value and copies the list.
     *
     * @param source the file (or object) the Application was read from
     * @param line the 1-based line of the field, or 0 when unknown
     * @param application the Application's name
     * @param field the field's path
     * @param suggestion the path of the known field it probably meant, or empty
     * @param knownFields the fields Argo CD's Application has in the same block
     */
    public ApplicationWarning {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(suggestion, "suggestion");
        knownFields = List.copyOf(knownFields);
        if (line < 0) {
            throw new IllegalArgumentException("line must not be negative, not " + line);
        }
    }

    /**
     * {@return one line naming file, line, application and field, and the field it probably meant:
     * {@code app.yaml:14: Application shop: spec.syncPolicy.automated.prunee is not a field of an Argo
     * CD Application and is ignored; did you mean spec.syncPolicy.automated.prune?}}
     */
    public String message() {
        String block = field.contains(".") ? field.substring(0, field.lastIndexOf('.')) : "";
        return (line == 0 ? source : source + ":" + line) + ": Application " + application + ": " + field
                + " is not a field of an Argo CD Application and is ignored"
                + suggestion.map(s -> "; did you mean " + s + "?")
                        .orElse(" (fields at " + (block.isEmpty() ? "the top" : block) + ": "
                                + String.join(", ", knownFields) + ")");
    }

    /** {@return {@link #message()}} */
    @Override
    public String toString() {
        return message();
    }
}
