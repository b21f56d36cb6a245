package io.gitops4j.core.notifications;

import java.util.List;
import java.util.Optional;

/**
 * A {@code trigger.<name>} of {@code argocd-notifications-cm}: a list of conditions, each naming
 * the templates it sends when it holds.
 *
 * @param name the trigger's name ({@code on-sync-failed})
 * @param conditions its conditions, in order
 */
public record Trigger(String name, List<Condition> conditions) {

    /**
     * Copies the conditions.
     *
     * @param name the trigger's name ({@code on-sync-failed})
     * @param conditions its conditions, in order
     */
    public Trigger {
        conditions = List.copyOf(conditions);
    }

    /**
     * One condition of a trigger.
     *
     * @param description what it means, as written
     * @param when the condition over {@code app}
     * @param send the names of the templates to send
     * @param oncePer the expression whose value makes an event: sent once per distinct value
     */
    public record Condition(String description, TriggerExpression when, List<String> send, Optional<TriggerExpression> oncePer) {

        /**
         * Copies the templates to send.
         *
         * @param description what it means, as written
         * @param when the condition over {@code app}
         * @param send the names of the templates to send
         * @param oncePer the expression whose value makes an event: sent once per distinct value
         */
        public Condition {
            send = List.copyOf(send);
        }
    }
}
