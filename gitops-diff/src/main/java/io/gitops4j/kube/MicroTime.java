package io.gitops4j.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Kubernetes' {@code metav1.MicroTime}, the timestamps of a {@code coordination.k8s.io} Lease
 * ({@code acquireTime}, {@code renewTime}): RFC 3339 in UTC with microseconds, as client-go writes
 * them.
 */
public final class MicroTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private MicroTime() {
    }

    /**
     * @param instant a time
     * @return it as client-go writes a MicroTime, such as {@code 2026-12-05T06:00:00.000000Z}
     */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * @param value a timestamp field of an object
     * @return its time; empty when it is missing, not text or not RFC 3339
     */
    public static Optional<Instant> parse(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
