package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.Watch;
import io.gitops4j.cluster.WatchEvent;
import io.gitops4j.cluster.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watches of a fake cluster: the recent history of changes, from which a watch can resume at
 * any resourceVersion still in it, and the open watches with the events queued for them.
 *
 * <p>Changes are recorded and queued under the cluster's lock, so every watch sees them in
 * revision order; they are delivered by {@link #deliverPending()}, which the writing thread
 * calls after releasing the lock. Only one thread delivers at a time, so a listener is never
 * called concurrently with itself, and a listener may write to the cluster: its own changes are
 * queued behind the event it is handling.
 */
public final class WatchHub {

    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);

    /**
     * One change of one object.
     *
     * @param revision the resourceVersion of the change
     * @param type what happened
     * @param groupKind the object's group and kind
     * @param object the object after the change (for a deletion: its last state)
     * @param previous the object before the change, or {@code null} when it was created
     */
    public record Change(long revision, WatchEvent.Type type, String groupKind, ObjectNode object, ObjectNode previous) {
    }

    private final int historySize;
    private final ArrayDeque<Change> history = new ArrayDeque<>();
    private long lastForgottenRevision;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Delivery> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean delivering = new AtomicBoolean();

    /** @param historySize how many changes are kept for watches to resume from */
    public WatchHub(int historySize) {
        this.historySize = historySize;
    }

    /** Records a change and queues its event for every watch that selects it. Under the lock. */
    public void record(Change change) {
        history.addLast(change);
        if (history.size() > historySize) {
            lastForgottenRevision = history.removeFirst().revision();
        }
        for (Registration registration : registrations) {
            registration.eventFor(change).ifPresent(type -> pending.add(new Event(registration, type, change.object())));
        }
    }

    /**
     * The changes to a group and kind after a revision, oldest first; empty when changes after it
     * are no longer kept. Under the lock.
     */
    public Optional<List<Change>> changesSince(String groupKind, long revision) {
        if (revision < lastForgottenRevision) {
            return Optional.empty();
        }
        List<Change> changes = new ArrayList<>();
        for (Change change : history) {
            if (change.revision() > revision && change.groupKind().equals(groupKind)) {
                changes.add(change);
            }
        }
        return Optional.of(changes);
    }

    /**
     * Opens a watch. Under the lock.
     *
     * @param groupKind what it watches
     * @param servedAs the type (version) its events are served as
     * @param selects whether an object in that group and kind is selected (namespace, selectors)
     * @param from the revision after which to send changes; empty for "now", with an ADDED
     *     event for every selected object in {@code current}
     * @param current the objects stored now
     * @throws ClusterException 410 when changes after {@code from} are no longer kept
     */
    public Watch open(String groupKind, ResourceType servedAs, Predicate<JsonNode> selects, WatchListener listener,
            OptionalLong from, Collection<ObjectNode> current, long now) {
        Registration registration = new Registration(groupKind, servedAs, selects, listener);
        if (from.isPresent()) {
            if (from.getAsLong() < lastForgottenRevision) {
                throw new ClusterException(410, "Expired", "too old resource version: " + from.getAsLong()
                        + " (" + (lastForgottenRevision + 1) + "); list again and watch from the list's resourceVersion",
                        Optional.empty());
            }
            for (Change change : history) {
                if (change.revision() > from.getAsLong()) {
                    registration.eventFor(change).ifPresent(type ->
                            pending.add(new Event(registration, type, change.object())));
                }
            }
        } else {
            for (ObjectNode object : current) {
                if (selects.test(object)) {
                    pending.add(new Event(registration, WatchEvent.Type.ADDED, object));
                }
            }
            if (listener instanceof InitialEventsListener) {
                pending.add(new InitialEventsEnd(registration, now));
            }
        }
        registrations.add(registration);
        return registration;
    }

    /** Ends the watches that {@code which} selects, telling their listeners why. */
    public void end(Predicate<ResourceType> which, ClusterException reason) {
        for (Registration registration : registrations) {
            if (which.test(registration.servedAs)) {
                registrations.remove(registration);
                pending.add(new End(registration, reason));
            }
        }
    }

    /**
     * Delivers every queued event, unless another thread is delivering already (it will deliver
     * them). Called without holding the cluster's lock.
     */
    public void deliverPending() {
        while (!pending.isEmpty() && delivering.compareAndSet(false, true)) {
            try {
                Delivery delivery;
                while ((delivery = pending.poll()) != null) {
                    delivery.deliver();
                }
            } finally {
                delivering.set(false);
            }
        }
    }

    /**
     * A listener that also wants to know when the ADDED events of the objects that existed when
     * it started watching are all delivered (the watch-list protocol's initial-events-end
     * bookmark).
     */
    public interface InitialEventsListener extends WatchListener {

        /** The initial events are delivered; {@code revision} is the resourceVersion they reflect. */
        void onInitialEventsEnd(long revision);
    }

    /** One thing to deliver to one watch. */
    private interface Delivery {

        Registration registration();

        void deliverTo(WatchListener listener);

        default void deliver() {
            try {
                if (!registration().closed || this instanceof End) {
                    deliverTo(registration().listener);
                }
            } catch (RuntimeException e) {
                LOG.warn("a watch listener of {} failed: {}", registration().servedAs, e.toString(), e);
            }
        }
    }

    private record Event(Registration registration, WatchEvent.Type type, ObjectNode object) implements Delivery {

        @Override
        public void deliverTo(WatchListener listener) {
            ObjectNode served = object.deepCopy();
            served.put("apiVersion", registration.servedAs.apiVersion());
            listener.onEvent(new WatchEvent(type, served));
        }
    }

    private record End(Registration registration, ClusterException reason) implements Delivery {

        @Override
        public void deliverTo(WatchListener listener) {
            registration.closed = true;
            listener.onClose(reason);
        }
    }

    private record InitialEventsEnd(Registration registration, long revision) implements Delivery {

        @Override
        public void deliverTo(WatchListener listener) {
            ((InitialEventsListener) listener).onInitialEventsEnd(revision);
        }
    }

    private final class Registration implements Watch {

        private final String groupKind;
        private final ResourceType servedAs;
        private final Predicate<JsonNode> selects;
        private final WatchListener listener;
        private volatile boolean closed;

        Registration(String groupKind, ResourceType servedAs, Predicate<JsonNode> selects, WatchListener listener) {
            this.groupKind = groupKind;
            this.servedAs = servedAs;
            this.selects = selects;
            this.listener = listener;
        }

        /** The event this watch sees for a change: objects entering or leaving its selection are added or deleted. */
        Optional<WatchEvent.Type> eventFor(Change change) {
            if (!change.groupKind().equals(groupKind)) {
                return Optional.empty();
            }
            boolean selectedNow = selects.test(change.object());
            boolean selectedBefore = change.previous() != null && selects.test(change.previous());
            return switch (change.type()) {
                case ADDED -> selectedNow ? Optional.of(WatchEvent.Type.ADDED) : Optional.empty();
                case DELETED -> selectedNow ? Optional.of(WatchEvent.Type.DELETED) : Optional.empty();
                case MODIFIED -> selectedNow
                        ? Optional.of(selectedBefore ? WatchEvent.Type.MODIFIED : WatchEvent.Type.ADDED)
                        : selectedBefore ? Optional.of(WatchEvent.Type.DELETED) : Optional.empty();
            };
        }

        @Override
        public void close() {
            closed = true;
            registrations.remove(this);
        }
    }
}
