package io.gitops4j.core.argocd;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration}, as Argo CD reads {@code timeout.reconciliation}: {@code 180s}, {@code 3m}, {@code 1h30m}. */
final class GoDurations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of("ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);
    private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(Long.MAX_VALUE);

    private GoDurations() {
    }

    /**
     * The duration a Go duration string stands for; empty when it is not one (no unit but for
     * {@code 0}, an unknown unit, beyond Go's 290 years).
     */
    static java.util.Optional<Duration> parse(String text) {
        String rest = text.strip();
        boolean negative = rest.startsWith("-");
        if (rest.startsWith("-") || rest.startsWith("+")) {
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return java.util.Optional.of(Duration.ZERO);
        }
        if (rest.isEmpty()) {
            return java.util.Optional.empty();
        }
        Matcher part = PART.matcher(rest);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < rest.length()) {
            if (!part.find(at) || part.start() != at) {
                return java.util.Optional.empty();
            }
            nanos = nanos.add(new BigDecimal(part.group(1).startsWith(".") ? "0" + part.group(1) : part.group(1))
                    .multiply(BigDecimal.valueOf(NANOS.get(part.group(2)))));
            at = part.end();
        }
        if (nanos.compareTo(MAX_NANOS) > 0) {
            return java.util.Optional.empty();
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return java.util.Optional.of(negative ? duration.negated() : duration);
    }
}
