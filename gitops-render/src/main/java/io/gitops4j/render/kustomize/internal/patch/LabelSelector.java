package io.gitops4j.render.kustomize.internal.patch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in its string form ({@code app=web,tier!=db,env in (a,b),!legacy}),
 * matched against a label (or annotation) map.
 */
final class LabelSelector {

    private LabelSelector() {
    }

    /**
     * @throws IllegalArgumentException when the selector cannot be parsed
     */
    static Predicate<Map<String, String>> parse(String selector) {
        List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
        for (String term : splitTerms(selector)) {
            requirements.add(requirement(term.trim(), selector));
        }
        return labels -> requirements.stream().allMatch(r -> r.test(labels));
    }

    private static Predicate<Map<String, String>> requirement(String term, String selector) {
        Matcher set = Pattern.compile("^([^\\s!=]+)\\s+(in|notin)\\s+\\(([^)]*)\\)$").matcher(term);
        if (set.matches()) {
            String key = set.group(1);
            Set<String> values = Set.of(Arrays.stream(set.group(3).split(",")).map(String::trim).toArray(String[]::new));
            return set.group(2).equals("in")
                    ? labels -> labels.containsKey(key) && values.contains(labels.get(key))
                    : labels -> !labels.containsKey(key) || !values.contains(labels.get(key));
        }
        int notEquals = term.indexOf("!=");
        if (notEquals > 0) {
            String key = term.substring(0, notEquals).trim();
            String value = term.substring(notEquals + 2).trim();
            return labels -> !value.equals(labels.get(key));
        }
        int equals = term.indexOf('=');
        if (equals > 0) {
            String key = term.substring(0, equals).trim();
            String value = term.substring(term.startsWith("==", equals) ? equals + 2 : equals + 1).trim();
            return labels -> value.equals(labels.get(key));
        }
        if (term.startsWith("!")) {
            String key = term.substring(1).trim();
            return labels -> !labels.containsKey(key);
        }
        if (!term.isEmpty() && term.matches("[A-Za-z0-9._/-]+")) {
            return labels -> labels.containsKey(term);
        }
        throw new IllegalArgumentException("unable to parse requirement '" + term + "' of selector '" + selector + "'");
    }

    private static List<String> splitTerms(String selector) {
        List<String> terms = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : selector.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                terms.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            terms.add(current.toString());
        }
        return terms;
    }
}
