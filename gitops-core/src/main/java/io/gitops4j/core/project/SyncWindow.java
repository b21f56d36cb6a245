package io.gitops4j.core.project;

import io.gitops4j.core.project.internal.CronSchedule;
import io.gitops4j.core.project.internal.CronSyntaxException;
import io.gitops4j.core.project.internal.GoDuration;
import io.gitops4j.core.project.internal.GoGlob;
import io.gitops4j.core.project.internal.GlobSyntaxException;
import io.gitops4j.core.project.internal.GoTimeZones;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a project's {@code spec.syncWindows}, Argo CD's fields unchanged. A window opens at
 * every activation of its cron {@code schedule} and stays open for {@code duration}; an
 * {@code allow} window permits syncs while open (and, where any allow window exists, blocks them
 * while none is open), a {@code deny} window blocks them while open. Which applications a window
 * applies to: {@link #applications}, {@link #clusters} and {@link #namespaces}, each a list of
 * globs, any one of which matching suffices ({@code andOperator} asks all the lists that are set
 * to match).
 *
 * @param kind {@code allow} or {@code deny}
 * @param schedule when the window opens: five cron fields as robfig/cron reads them (minute,
 *     hour, day of month, month, day of week), no {@code @} descriptors
 * @param duration how long it stays open, as Go's {@code time.ParseDuration} reads it ({@code 1h30m})
 * @param applications globs over application names
 * @param namespaces globs over destination namespaces
 * @param clusters globs over destination cluster names and server URLs
 * @param manualSync whether a manual sync may run while the window blocks automated ones
 * @param timeZone the IANA zone the schedule is read in ({@code America/New_York}); empty is UTC.
 *     As in Argo CD, the zone's offset at the time of the check is applied to the whole schedule,
 *     and a zone Go does not know is UTC (the reader logs a warning)
 * @param andOperator whether the set lists must all match ({@code andOperator} in YAML)
 * @param description free text (at most 255 characters)
 * @param syncOverrun whether a sync that began while syncs were permitted may continue once this
 *     window blocks them (a deny window opening, an allow window closing)
 */
public record SyncWindow(Kind kind, String schedule, String duration, List<String> applications, List<String> namespaces,
        List<String> clusters, boolean manualSync, String timeZone, boolean andOperator, String description,
        boolean syncOverrun) {

    /** Whether a window permits or blocks syncs while it is open. */
    public enum Kind {
        /** Syncs may run while it is open; where allow windows exist, none may run outside them. */
        ALLOW,
        /** No sync may run while it is open (a manual one may with {@code manualSync}). */
        DENY;

        /** {@return the YAML spelling: {@code allow} or {@code deny}} */
        public String yaml() {
            return this == ALLOW ? "allow" : "deny";
        }
    }

    /**
     * Fills what is missing with empty values and checks the window as Argo CD validates it.
     *
     * @param kind {@code allow} or {@code deny}
     * @param schedule when the window opens: five cron fields as robfig/cron reads them (minute, hour, day
     *     of month, month, day of week), no {@code @} descriptors
     * @param duration how long it stays open, as Go's {@code time.ParseDuration} reads it ({@code 1h30m})
     * @param applications globs over application names
     * @param namespaces globs over destination namespaces
     * @param clusters globs over destination cluster names and server URLs
     * @param manualSync whether a manual sync may run while the window blocks automated ones
     * @param timeZone the IANA zone the schedule is read in ({@code America/New_York}); empty is UTC. As in
     *     Argo CD, the zone's offset at the time of the check is applied to the whole schedule, and a zone Go
     *     does not know is UTC (the reader logs a warning)
     * @param andOperator whether the set lists must all match ({@code andOperator} in YAML)
     * @param description free text (at most 255 characters)
     * @param syncOverrun whether a sync that began while syncs were permitted may continue once this window
     *     blocks them (a deny window opening, an allow window closing)
     * @throws IllegalArgumentException when the kind is missing, the schedule, duration or a glob cannot be
     *     read, no application, namespace or cluster is given, or the description is longer than 255 characters
     */
    public SyncWindow {
        if (kind == null) {
            throw new IllegalArgumentException("a sync window needs a kind: allow or deny");
        }
        schedule = schedule == null ? "" : schedule;
        duration = duration == null ? "" : duration;
        applications = applications == null ? List.of() : List.copyOf(applications);
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        timeZone = timeZone == null ? "" : timeZone;
        description = description == null ? "" : description;
        try {
            CronSchedule.parse(schedule);
        } catch (CronSyntaxException e) {
            throw new IllegalArgumentException("cannot parse schedule '" + schedule + "': " + e.getMessage());
        }
        try {
            GoDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot parse duration '" + duration + "': " + e.getMessage());
        }
        if (applications.isEmpty() && namespaces.isEmpty() && clusters.isEmpty()) {
            throw new IllegalArgumentException("window '" + kind.yaml() + "':'" + schedule + "':'" + duration
                    + "' requires one of application, cluster or namespace");
        }
        if (description.length() > 255) {
            throw new IllegalArgumentException("description must not exceed 255 characters");
        }
        for (List<String> globs : List.of(applications, namespaces, clusters)) {
            for (String glob : globs) {
                try {
                    GoGlob.compile(glob);
                } catch (GlobSyntaxException e) {
                    throw new IllegalArgumentException("the pattern '" + glob + "' is not a valid glob: " + e.getMessage());
                }
            }
        }
    }

    /**
     * A window with the given kind, schedule, duration and matchers; no manual sync, UTC, OR matching.
     *
     * @param kind {@link Kind#ALLOW} or {@link Kind#DENY}
     * @param schedule the cron schedule the window opens at
     * @param duration how long it stays open, in Go's form ({@code 1h}, {@code 30m})
     * @param applications application names or globs it applies to
     * @param namespaces destination namespaces or globs it applies to
     * @param clusters destination clusters or globs it applies to
     * @return the window
     */
    public static SyncWindow of(Kind kind, String schedule, String duration, List<String> applications,
            List<String> namespaces, List<String> clusters) {
        return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters, false, "", false, "", false);
    }

    /**
     * This window with {@code manualSync} set.
     *
     * @param allowed whether manual syncs may run while the window blocks
     * @return a copy of this window with the setting
     */
    public SyncWindow withManualSync(boolean allowed) {
        return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters, allowed, timeZone, andOperator,
                description, syncOverrun);
    }

    /**
     * This window read in another time zone.
     *
     * @param zone an IANA time zone name, such as {@code Europe/Berlin}
     * @return a copy of this window read in {@code zone}
     */
    public SyncWindow withTimeZone(String zone) {
        return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters, manualSync, zone, andOperator,
                description, syncOverrun);
    }

    /**
     * This window with {@code syncOverrun} set.
     *
     * @param allowed whether a sync started before a deny window may go on once it is active
     * @return a copy of this window with the setting
     */
    public SyncWindow withSyncOverrun(boolean allowed) {
        return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters, manualSync, timeZone,
                andOperator, description, allowed);
    }

    /**
     * This window with {@code andOperator} set.
     *
     * @param all {@code true} when the application must match every matcher, not any
     * @return a copy of this window with the setting
     */
    public SyncWindow withAndOperator(boolean all) {
        return new SyncWindow(kind, schedule, duration, applications, namespaces, clusters, manualSync, timeZone, all,
                description, syncOverrun);
    }

    /** {@return the parsed duration} */
    public Duration parsedDuration() {
        return GoDuration.parse(duration);
    }

    /** {@return the zone {@link #timeZone} names, if Go knows it; empty means the window is read in UTC} */
    public Optional<ZoneId> zone() {
        return GoTimeZones.load(timeZone);
    }

    /**
     * Whether the window is open at {@code at}, as Argo CD's {@code SyncWindow.active}: the
     * schedule is read in UTC shifted by the window's zone offset at {@code offsetAt} (Argo CD
     * takes the offset at the time of the check, even when checking a past instant), and the
     * window is open when an activation falls after {@code at - duration} and before {@code at}.
     * A schedule with no activation within five years counts as open, as in Argo CD.
     */
    boolean activeAt(Instant at, Instant offsetAt) {
        long offset = zone().orElse(ZoneOffset.UTC).getRules().getOffset(offsetAt).getTotalSeconds();
        Instant shifted = at.plusSeconds(offset);
        return CronSchedule.parse(schedule).next(shifted.minus(parsedDuration()))
                .map(next -> next.isBefore(shifted))
                .orElse(true);
    }

    /**
     * The first instant after {@code now} at which the window may open or close (an activation
     * starts, or the one open now ends), read as {@link #activeAt} reads the schedule; empty when
     * the schedule has no activation within five years. The window's state is settled one second
     * after the instant, since a window is not yet open at the very second it starts.
     */
    Optional<Instant> nextEdgeAfter(Instant now) {
        long offset = zone().orElse(ZoneOffset.UTC).getRules().getOffset(now).getTotalSeconds();
        Instant shifted = now.plusSeconds(offset);
        CronSchedule cron = CronSchedule.parse(schedule);
        Duration length = parsedDuration();
        Optional<Instant> opens = cron.next(shifted);
        Optional<Instant> closes = cron.next(shifted.minus(length)).map(start -> start.plus(length))
                .filter(end -> end.isAfter(shifted));
        return java.util.stream.Stream.of(opens, closes).flatMap(Optional::stream).min(Instant::compareTo)
                .map(edge -> edge.minusSeconds(offset));
    }

    @Override
    public String toString() {
        return kind.yaml() + " '" + schedule + "' for " + duration + (timeZone.isEmpty() ? "" : " (" + timeZone + ")");
    }
}
