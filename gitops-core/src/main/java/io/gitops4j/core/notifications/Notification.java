package io.gitops4j.core.notifications;

/**
 * A notification a trigger decided to send, handed to the delivery executor.
 *
 * @param application the application's {@code namespace/name}
 * @param trigger the trigger that fired
 * @param template the template sent
 * @param service the service it goes through
 * @param recipient the recipient (a Slack channel), or empty
 * @param event the event's key: the {@code oncePer} value, or empty when the trigger has none
 */
public record Notification(String application, String trigger, String template, String service, String recipient, String event) {
}
