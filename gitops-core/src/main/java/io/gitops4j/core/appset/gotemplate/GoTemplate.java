package io.gitops4j.core.appset.gotemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed Go {@code text/template}, as Argo CD's ApplicationSet controller runs them with
 * {@code goTemplate: true}: actions, pipelines, variables, {@code if / else if / else},
 * {@code with}, {@code range} (with {@code break} / {@code continue}), comments and trim markers,
 * Go's predefined functions and the Sprig functions used in practice (see
 * {@link SprigFunctions}). {@code define}, {@code template} and {@code block} are refused.
 *
 * <pre>{@code
 * String name = GoTemplate.parse("{{ .cluster | lower }}-app", "name")
 *         .execute(Map.of("cluster", "Prod"), GoTemplate.Options.defaults());   // "prod-app"
 * }</pre>
 *
 * <p>Data are template values ({@link TemplateData#fromJson}); numbers from JSON are float64 as
 * in Go, so {@code {{ .replicas }}} of {@code 3} prints {@code 3} and {@code 1000000} prints
 * {@code 1e+06}, exactly as Argo CD does. Immutable and safe to share between threads.
 */
public final class GoTemplate {

    private static final Map<String, TemplateFunction> FUNCTIONS = functions();

    private final String name;
    private final String text;
    private final Node.Block root;

    private GoTemplate(String name, String text, Node.Block root) {
        this.name = name;
        this.text = text;
        this.root = root;
    }

    /**
     * Options of one execution.
     *
     * @param missingKeyError {@code missingkey=error}: a missing map key fails instead of printing {@code <no value>}
     * @param maxOutput the most characters the template may write
     * @param maxSteps the most nodes and commands it may evaluate (range iterations count)
     */
    public record Options(boolean missingKeyError, int maxOutput, long maxSteps) {

        /**
         * Checks the limits.
         *
         * @param missingKeyError {@code missingkey=error}: a missing map key fails instead of printing
         *     {@code <no value>}
         * @param maxOutput the most characters the template may write
         * @param maxSteps the most nodes and commands it may evaluate (range iterations count)
         * @throws IllegalArgumentException when a limit is below 1
         */
        public Options {
            if (maxOutput < 1 || maxSteps < 1) {
                throw new IllegalArgumentException("template limits must be positive");
            }
        }

        /** {@return the default options: {@code missingkey=default}, 1 MiB of output, a million steps} */
        public static Options defaults() {
            return new Options(false, 1 << 20, 1_000_000);
        }

        /**
         * Reads Argo CD's {@code goTemplateOptions} ({@code missingkey=default|invalid|zero|error}).
         *
         * @param goTemplateOptions the options, such as {@code missingkey=error}
         * @return a copy of these options with the options applied
         * @throws TemplateException naming an unknown option
         */
        public Options withGoTemplateOptions(List<String> goTemplateOptions) {
            boolean error = missingKeyError;
            for (String option : goTemplateOptions) {
                switch (option) {
                    case "missingkey=error" -> error = true;
                    case "missingkey=default", "missingkey=invalid", "missingkey=zero" -> error = false;
                    default -> throw new TemplateException("unrecognized goTemplateOptions option '" + option
                            + "'; use missingkey=default, missingkey=zero or missingkey=error");
                }
            }
            return new Options(error, maxOutput, maxSteps);
        }
    }

    /**
     * Parses a template.
     *
     * @param text the template text
     * @param name the name used in error messages (Argo CD uses {@code base})
     * @return the parsed template
     * @throws TemplateException for a syntax error, an unknown function or an undefined variable
     */
    public static GoTemplate parse(String text, String name) {
        return new GoTemplate(name, text, Parser.parse(text, name, FUNCTIONS.keySet()));
    }

    /**
     * Runs the template over the data.
     *
     * @param data the data, as {@link TemplateData#fromJson} makes it
     * @param options the missing-key behaviour and limits
     * @return the rendered text
     * @throws TemplateException naming the line, column and action that failed
     */
    public String execute(Object data, Options options) {
        return new Executor(name, text, FUNCTIONS, options).execute(root, data);
    }

    /** {@return the template text} */
    public String text() {
        return text;
    }

    private static Map<String, TemplateFunction> functions() {
        Map<String, TemplateFunction> functions = new HashMap<>();
        BuiltinFunctions.register(functions);
        SprigFunctions.register(functions);
        return Map.copyOf(functions);
    }
}
