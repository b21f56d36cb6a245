package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.regex.Pattern;

/**
 * Which strings {@code Yaml.write} must quote so that the Go tools read them back as strings:
 * besides what Jackson quotes already (booleans and nulls of YAML 1.1, decimal numbers, special
 * characters), every spelling go-yaml v2 (kubectl, Helm) or v3 (Kustomize) resolves to a number,
 * an infinity, a NaN or a timestamp: {@code 0x1F}, {@code 0o17}, {@code 0b101}, {@code 1_000},
 * {@code 1e3}, {@code .inf}, {@code 1:20} (YAML 1.1 base 60), {@code 2001-12-14}. Internal: not API.
 */
public final class GoYamlQuoting extends StringQuotingChecker.Default {

    private static final long serialVersionUID = 1L;

    private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
            "[-+]?0b[01_]+",
            "[-+]?0o?[0-7_]+",
            "[-+]?0x[0-9a-fA-F_]+",
            "[-+]?[0-9][0-9_]*",
            "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
            "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?",
            "[-+]?[0-9][0-9_]*(\\.[0-9_]*)?[eE][-+]?[0-9]+",
            "[-+]?\\.(inf|Inf|INF)",
            "\\.(nan|NaN|NAN)",
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"));

    @Override
    public boolean needToQuoteName(String name) {
        return super.needToQuoteName(name) || resolvesToAnotherType(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return super.needToQuoteValue(value) || resolvesToAnotherType(value);
    }

    private static boolean resolvesToAnotherType(String text) {
        return !text.isEmpty() && text.length() < 64 && !".".equals(text) && NOT_A_STRING.matcher(text).matches();
    }
}
