package io.gitops4j.core.project.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cron schedule read exactly as Argo CD reads a sync window's {@code schedule}: robfig/cron v3's
 * parser with the options {@code Minute | Hour | Dom | Month | Dow} (five fields, no seconds, and
 * no {@code @daily}-style descriptors, which that parser refuses), an optional {@code TZ=} or
 * {@code CRON_TZ=} prefix, {@code *} and {@code ?}, lists, ranges, steps ({@code N/step} meaning
 * {@code N-max/step}), month and weekday names in any case, weekdays 0 to 6 (7 is refused), and
 * robfig's day rule: when the day-of-month or the day-of-week field is a {@code *} both must
 * match, otherwise either may.
 *
 * <p>{@link #next(Instant)} gives robfig's {@code Next}: the first minute after the given instant
 * whose fields match, or empty when there is none within five years (robfig then returns Go's
 * zero time, which Argo CD's window arithmetic treats as the distant past).
 *
 * <p>Immutable.
 */
public final class CronSchedule {

    private static final long STAR = 1L << 63;

    private record Bounds(int min, int max, Map<String, Integer> names) {
    }

    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DOM = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)));
    private static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6));

    private final String spec;
    private final long minute;
    private final long hour;
    private final long dom;
    private final long month;
    private final long dow;
    private final ZoneId zone;

    private CronSchedule(String spec, long[] fields, ZoneId zone) {
        this.spec = spec;
        this.minute = fields[0];
        this.hour = fields[1];
        this.dom = fields[2];
        this.month = fields[3];
        this.dow = fields[4];
        this.zone = zone;
    }

    /**
     * Parses a five-field spec.
     *
     * @throws CronSyntaxException with robfig/cron's reason
     */
    public static CronSchedule parse(String spec) {
        if (spec.isEmpty()) {
            throw new CronSyntaxException("empty spec string");
        }
        String rest = spec;
        ZoneId zone = ZoneOffset.UTC;
        if (rest.startsWith("TZ=") || rest.startsWith("CRON_TZ=")) {
            int space = rest.indexOf(' ');
            if (space < 0) {
                throw new CronSyntaxException("a " + rest.substring(0, rest.indexOf('=') + 1)
                        + " prefix must be followed by a space and the five fields");
            }
            String name = rest.substring(rest.indexOf('=') + 1, space);
            zone = GoTimeZones.load(name).orElseThrow(() -> new CronSyntaxException("provided bad location " + name
                    + ": unknown time zone " + name));
            rest = rest.substring(space).strip();
        }
        if (rest.startsWith("@")) {
            throw new CronSyntaxException("parser does not accept descriptors: " + rest
                    + " (Argo CD's sync windows take five fields: write @daily as 0 0 * * *, @hourly as 0 * * * *)");
        }
        List<String> fields = GoStrings.fields(rest);
        if (fields.size() != 5) {
            throw new CronSyntaxException("expected exactly 5 fields, found " + fields.size() + ": " + fields);
        }
        long[] bits = {field(fields.get(0), MINUTES), field(fields.get(1), HOURS), field(fields.get(2), DOM),
                field(fields.get(3), MONTHS), field(fields.get(4), DOW)};
        return new CronSchedule(spec, bits, zone);
    }

    /** The spec as written. */
    public String spec() {
        return spec;
    }

    /**
     * The first activation strictly after {@code after} (at a whole minute of the schedule's time
     * zone: UTC unless the spec names one), or empty when none falls within five years.
     */
    public Optional<Instant> next(Instant after) {
        ZonedDateTime from = after.atZone(zone);
        int yearLimit = from.plusSeconds(1).getYear() + 5;
        ZoneRules rules = zone.getRules();
        LocalDate day = from.toLocalDate().minusDays(1);
        while (day.getYear() <= yearLimit) {
            if (bit(month, day.getMonthValue()) && dayMatches(day)) {
                Optional<Instant> found = firstOnDay(day, rules, after);
                if (found.isPresent()) {
                    return found;
                }
            }
            day = day.plusDays(1);
        }
        return Optional.empty();
    }

    private Optional<Instant> firstOnDay(LocalDate day, ZoneRules rules, Instant after) {
        Instant best = null;
        for (int h = 0; h < 24; h++) {
            if (!bit(hour, h)) {
                continue;
            }
            for (int m = 0; m < 60; m++) {
                if (!bit(minute, m)) {
                    continue;
                }
                LocalDateTime local = LocalDateTime.of(day, LocalTime.of(h, m));
                for (ZoneOffset offset : rules.getValidOffsets(local)) {
                    Instant candidate = local.toInstant(offset);
                    if (candidate.isAfter(after) && (best == null || candidate.isBefore(best))) {
                        best = candidate;
                    }
                }
                if (best != null && rules.isFixedOffset()) {
                    return Optional.of(best);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private boolean dayMatches(LocalDate day) {
        boolean domMatch = bit(dom, day.getDayOfMonth());
        boolean dowMatch = bit(dow, day.getDayOfWeek().getValue() % 7);
        if ((dom & STAR) != 0 || (dow & STAR) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    private static boolean bit(long bits, int value) {
        return (bits & (1L << value)) != 0;
    }

    /** robfig's {@code getField}: comma-separated ranges, empty items skipped. */
    private static long field(String field, Bounds bounds) {
        long bits = 0;
        for (String range : field.split(",")) {
            if (!range.isEmpty()) {
                bits |= range(range, bounds);
            }
        }
        return bits;
    }

    /** robfig's {@code getRange}: {@code *}, {@code ?}, {@code n}, {@code n-m}, each with an optional {@code /step}. */
    private static long range(String expr, Bounds bounds) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean single = lowAndHigh.length == 1;
        long start;
        long end;
        long extra = 0;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = bounds.min();
            end = bounds.max();
            extra = STAR;
        } else {
            start = intOrName(lowAndHigh[0], bounds);
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                end = intOrName(lowAndHigh[1], bounds);
            } else {
                throw new CronSyntaxException("too many hyphens: " + expr);
            }
        }
        long step;
        if (rangeAndStep.length == 1) {
            step = 1;
        } else if (rangeAndStep.length == 2) {
            step = number(rangeAndStep[1]);
            if (single) {
                end = bounds.max();
            }
            if (step > 1) {
                extra = 0;
            }
        } else {
            throw new CronSyntaxException("too many slashes: " + expr);
        }
        if (start < bounds.min()) {
            throw new CronSyntaxException("beginning of range (" + start + ") below minimum (" + bounds.min() + "): " + expr);
        }
        if (end > bounds.max()) {
            throw new CronSyntaxException("end of range (" + end + ") above maximum (" + bounds.max() + "): " + expr);
        }
        if (start > end) {
            throw new CronSyntaxException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new CronSyntaxException("step of range should be a positive number: " + expr);
        }
        long bits = 0;
        for (long i = start; i <= end; i += step) {
            bits |= 1L << i;
        }
        return bits | extra;
    }

    private static long intOrName(String expr, Bounds bounds) {
        Integer named = bounds.names().get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : number(expr);
    }

    /** Go's {@code strconv.Atoi} (ASCII digits, an optional sign, 64 bits), then robfig's refusal of negatives. */
    private static long number(String expr) {
        String digits = expr.startsWith("+") || expr.startsWith("-") ? expr.substring(1) : expr;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new CronSyntaxException("failed to parse int from " + expr + ": strconv.Atoi: parsing \"" + expr
                    + "\": invalid syntax");
        }
        long value;
        try {
            value = Long.parseLong(expr);
        } catch (NumberFormatException e) {
            throw new CronSyntaxException("failed to parse int from " + expr + ": strconv.Atoi: parsing \"" + expr
                    + "\": value out of range");
        }
        if (value < 0) {
            throw new CronSyntaxException("negative number (" + value + ") not allowed: " + expr);
        }
        return value;
    }

    @Override
    public String toString() {
        return spec;
    }

    /** Go's {@code strings.Fields}: split on Unicode white space. */
    static final class GoStrings {

        private GoStrings() {
        }

        static List<String> fields(String text) {
            List<String> fields = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if ((Character.isWhitespace(c) && (c < 0x1C || c > 0x1F)) || Character.isSpaceChar(c) || c == '\u0085') {
                    if (current.length() > 0) {
                        fields.add(current.toString());
                        current.setLength(0);
                    }
                } else {
                    current.append(c);
                }
            }
            if (current.length() > 0) {
                fields.add(current.toString());
            }
            return fields;
        }
    }
}
