package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.AutomatedSyncPause;
import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pauses of automated sync, one per application: while one holds, a comparison reports it as an
 * {@code AutomatedSyncPaused} condition and starts no automated sync or self-heal. An expiry is a
 * timer on the controller's scheduler, so the application is compared (and synced if it drifted)
 * the moment the pause ends. The pause lives in the status's condition, so a restarted controller
 * on the same store reads it back. Thread-safe.
 */
final class AutoSyncPauses {

    private static final Logger LOG = LoggerFactory.getLogger(AutoSyncPauses.class);
    private static final String PREFIX = "automated sync paused";
    private static final Pattern MESSAGE = Pattern.compile(Pattern.quote(PREFIX) + "(?: until (\\S+))?: (.*)");

    private final ControllerCore core;
    private final Map<String, AutomatedSyncPause> pauses = new ConcurrentHashMap<>();

    AutoSyncPauses(ControllerCore core) {
        this.core = core;
    }

    /** Pauses automated sync of the application, replacing any pause it had. */
    void pause(ManagedApp managed, AutomatedSyncPause pause) {
        String name = managed.app().name();
        pauses.put(name, pause);
        LOG.info("{}: {}", name, message(pause));
        core.publish(managed, withCondition(managed.status(), Optional.of(pause)));
        pause.until().ifPresent(until -> core.scheduler.schedule(until, () -> {
            if (pauses.remove(name, pause)) {
                LOG.info("{}: the pause of automated sync expired", name);
                resumed(managed);
            }
        }));
    }

    /** Ends the application's pause; whether it had one. */
    boolean resume(ManagedApp managed) {
        AutomatedSyncPause removed = pauses.remove(managed.app().name());
        if (removed == null) {
            return false;
        }
        LOG.info("{}: automated sync resumed", managed.app().name());
        resumed(managed);
        return true;
    }

    private void resumed(ManagedApp managed) {
        core.publish(managed, withCondition(managed.status(), Optional.empty()));
        managed.compared = managed.compared.map(ManagedApp.Compared::liveChanged);
        core.compareSoon(managed.app().name());
    }

    /** The application's pause, if one holds now. */
    Optional<AutomatedSyncPause> of(String appName) {
        return Optional.ofNullable(pauses.get(appName)).filter(p -> p.holdsAt(core.clock.instant()));
    }

    /** The condition a comparison reports while the application is paused. */
    Optional<Condition> condition(String appName) {
        return of(appName).map(p -> new Condition(ConditionType.AUTOMATED_SYNC_PAUSED, message(p), p.since()));
    }

    /** Reads back the pause a stopped controller stored in the application's status. */
    void restore(ManagedApp managed) {
        for (Condition condition : managed.status().conditions(ConditionType.AUTOMATED_SYNC_PAUSED)) {
            Matcher matcher = MESSAGE.matcher(condition.message());
            if (!matcher.matches()) {
                continue;
            }
            try {
                Optional<Instant> until = Optional.ofNullable(matcher.group(1)).map(Instant::parse);
                AutomatedSyncPause pause = new AutomatedSyncPause(matcher.group(2), condition.lastTransitionTime(), until);
                if (pause.holdsAt(core.clock.instant())) {
                    pause(managed, pause);
                } else {
                    core.publish(managed, withCondition(managed.status(), Optional.empty()));
                }
            } catch (DateTimeParseException e) {
                LOG.warn("{}: the stored pause '{}' cannot be read: {}", managed.app().name(), condition.message(),
                        e.getMessage());
            }
        }
    }

    private static ApplicationStatus withCondition(ApplicationStatus status, Optional<AutomatedSyncPause> pause) {
        List<Condition> conditions = new ArrayList<>(status.conditions().stream()
                .filter(c -> c.type() != ConditionType.AUTOMATED_SYNC_PAUSED).toList());
        pause.ifPresent(p -> conditions.add(new Condition(ConditionType.AUTOMATED_SYNC_PAUSED, message(p), p.since())));
        return status.withConditions(conditions);
    }

    private static String message(AutomatedSyncPause pause) {
        return PREFIX + pause.until().map(u -> " until " + u).orElse("") + ": " + pause.reason();
    }
}
