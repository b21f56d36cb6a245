package io.gitops4j.core.project.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** Time zones by the names Go's {@code time.LoadLocation} takes (the names Argo CD accepts). */
public final class GoTimeZones {

    private GoTimeZones() {
    }

    /** A zone by its IANA name ({@code UTC} and an empty name are UTC), or empty when unknown. */
    public static Optional<ZoneId> load(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return Optional.of(ZoneOffset.UTC);
        }
        if (name.equals("Local")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.ofNullable(switch (name) {
                case "EST" -> ZoneOffset.ofHours(-5);
                case "MST" -> ZoneOffset.ofHours(-7);
                case "HST" -> ZoneOffset.ofHours(-10);
                default -> null;
            });
        }
    }
}
