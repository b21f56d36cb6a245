package io.gitops4j.fake;

import io.gitops4j.cluster.ResourceType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many client requests a {@link FakeCluster} has answered, by verb and by verb and kind, in
 * process and over HTTP alike (what simulated controllers do is not counted): what a test or a
 * benchmark reads to see how much a client asks of the API server, for example that a controller
 * round in which nothing changed writes nothing. A request a fault fails still counts. Thread-safe.
 *
 * <pre>{@code
 * RequestCounts.Snapshot before = cluster.requests().snapshot();
 * ...   // the work to measure
 * RequestCounts.Snapshot round = cluster.requests().snapshot().minus(before);
 * assertThat(round.writes()).isZero();
 * }</pre>
 */
public final class RequestCounts {

    private final Map<String, LongAdder> byVerbAndKind = new ConcurrentHashMap<>();

    RequestCounts() {
    }

    void record(String verbName, ResourceType type) {
        String key = verbName.toUpperCase(Locale.ROOT) + " " + type.groupKind();
        byVerbAndKind.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /**
     * {@return the counts so far}
     */
    public Snapshot snapshot() {
        Map<String, Long> counts = new TreeMap<>();
        byVerbAndKind.forEach((key, adder) -> counts.put(key, adder.sum()));
        return new Snapshot(counts);
    }

    /**
     * The counts at one moment, keyed {@code VERB group/Kind} ({@code LIST apps/Deployment},
     * {@code UPDATE /ConfigMap} for the core group).
     *
     * @param byVerbAndKind the counts; copied and sorted
     */
    public record Snapshot(Map<String, Long> byVerbAndKind) {

        /**
         * Copies and sorts the counts.
         *
         * @param byVerbAndKind the counts
         */
        public Snapshot {
            byVerbAndKind = Collections.unmodifiableMap(new TreeMap<>(byVerbAndKind));
        }

        /**
         * {@return the requests of one verb, of every kind}
         *
         * @param verb the verb
         */
        public long count(Verb verb) {
            String prefix = verb.name() + " ";
            return byVerbAndKind.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        /** {@return the requests by verb, every verb present (zero where none)} */
        public Map<Verb, Long> byVerb() {
            Map<Verb, Long> counts = new EnumMap<>(Verb.class);
            for (Verb verb : Verb.values()) {
                counts.put(verb, count(verb));
            }
            return counts;
        }

        /** {@return the requests that change something: create, update, patch and delete} */
        public long writes() {
            return count(Verb.CREATE) + count(Verb.UPDATE) + count(Verb.PATCH) + count(Verb.DELETE);
        }

        /** {@return the requests that read: get, list and watch} */
        public long reads() {
            return count(Verb.GET) + count(Verb.LIST) + count(Verb.WATCH);
        }

        /**
         * {@return the requests made after {@code earlier}: these counts less its counts, zeros left out}
         *
         * @param earlier counts taken before these
         */
        public Snapshot minus(Snapshot earlier) {
            Map<String, Long> difference = new TreeMap<>();
            byVerbAndKind.forEach((key, count) -> {
                long since = count - earlier.byVerbAndKind.getOrDefault(key, 0L);
                if (since != 0) {
                    difference.put(key, since);
                }
            });
            return new Snapshot(difference);
        }
    }
}
