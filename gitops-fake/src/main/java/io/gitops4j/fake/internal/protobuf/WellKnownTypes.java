package io.gitops4j.fake.internal.protobuf;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of Kubernetes' protobuf form that are not objects in JSON, and their JSON spellings:
 * times ({@code Time} as RFC 3339 seconds, {@code MicroTime} with microseconds), durations (Go's
 * {@code 1m30s}), int-or-string and quantity values, and raw JSON ({@code FieldsV1},
 * {@code RawExtension}, a CRD's {@code JSON}).
 */
final class WellKnownTypes {

    static final String TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String DURATION = "k8s.io.apimachinery.pkg.apis.meta.v1.Duration";
    static final String FIELDS_V1 = "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1";
    static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
    static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
    static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
    static final String CRD_JSON = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|ms|s|m|h)");
    private static final long SECOND = 1_000_000_000L;

    private WellKnownTypes() {
    }

    /** An RFC 3339 time in UTC, to the second ({@code Time}) or microsecond ({@code MicroTime}). */
    static String formatTime(long seconds, int nanos, boolean micro) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        return micro ? MICROS.format(instant) : SECONDS.format(instant);
    }

    /**
     * @return the instant an RFC 3339 time names
     * @throws IllegalArgumentException when it is not one
     */
    static Instant parseTime(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an RFC 3339 time", e);
        }
    }

    /** Nanoseconds written as Go writes a {@code time.Duration}: {@code 0s}, {@code 1.5s}, {@code 1h2m3s}, {@code 10ms}. */
    static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        String sign = nanos < 0 ? "-" : "";
        BigDecimal value = BigDecimal.valueOf(nanos).abs();
        if (value.compareTo(BigDecimal.valueOf(SECOND)) < 0) {
            String unit = value.compareTo(BigDecimal.valueOf(1_000)) < 0 ? "ns"
                    : value.compareTo(BigDecimal.valueOf(1_000_000)) < 0 ? "µs" : "ms";
            BigDecimal divisor = BigDecimal.valueOf(unit.equals("ns") ? 1 : unit.equals("µs") ? 1_000 : 1_000_000);
            return sign + plain(value.divide(divisor)) + unit;
        }
        BigDecimal[] hours = value.divideAndRemainder(BigDecimal.valueOf(3600 * SECOND));
        BigDecimal[] minutes = hours[1].divideAndRemainder(BigDecimal.valueOf(60 * SECOND));
        String seconds = plain(minutes[1].divide(BigDecimal.valueOf(SECOND))) + "s";
        if (hours[0].signum() > 0) {
            return sign + hours[0].toBigInteger() + "h" + minutes[0].toBigInteger() + "m" + seconds;
        }
        return sign + (minutes[0].signum() > 0 ? minutes[0].toBigInteger() + "m" : "") + seconds;
    }

    /**
     * @return the nanoseconds of a Go duration ({@code 1h30m}, {@code 2.5s}, {@code 100ms})
     * @throws IllegalArgumentException when it is not one
     */
    static long parseDuration(String text) {
        String rest = text;
        boolean negative = rest.startsWith("-");
        if (negative || rest.startsWith("+")) {
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return 0;
        }
        Matcher matcher = DURATION_PART.matcher(rest);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (at < rest.length() && matcher.find(at) && matcher.start() == at && !matcher.group(1).isEmpty()) {
            long unit = switch (matcher.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1_000;
                case "ms" -> 1_000_000;
                case "s" -> SECOND;
                case "m" -> 60 * SECOND;
                default -> 3600 * SECOND;
            };
            total = total.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)));
            at = matcher.end();
        }
        if (at != rest.length() || rest.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 1m30s");
        }
        long nanos = total.longValue();
        return negative ? -nanos : nanos;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
