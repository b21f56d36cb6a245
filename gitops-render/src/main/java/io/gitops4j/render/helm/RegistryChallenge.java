package io.gitops4j.render.helm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry's {@code WWW-Authenticate} answer to an anonymous request (the distribution
 * specification's token authentication): {@code Bearer realm="...",service="...",scope="..."}
 * asks the client for a token from {@code realm}; {@code Basic} asks for the login itself.
 *
 * @param scheme {@code bearer} or {@code basic}, in lower case
 * @param parameters the challenge's parameters ({@code realm}, {@code service}, {@code scope})
 */
record RegistryChallenge(String scheme, Map<String, String> parameters) {

    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z]+)=(?:\"([^\"]*)\"|([^,\\s]*))");

    static Optional<RegistryChallenge> parse(String header) {
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!scheme.equals("bearer") && !scheme.equals("basic")) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (space > 0) {
            Matcher matcher = PARAMETER.matcher(trimmed.substring(space + 1));
            while (matcher.find()) {
                parameters.put(matcher.group(1).toLowerCase(Locale.ROOT),
                        matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
            }
        }
        return Optional.of(new RegistryChallenge(scheme, Map.copyOf(parameters)));
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }
}
