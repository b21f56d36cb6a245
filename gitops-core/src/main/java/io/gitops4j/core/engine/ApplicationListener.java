package io.gitops4j.core.engine;

/**
 * Receives the application controller's {@link ApplicationEvent}s, each once, on the thread that
 * caused it (a worker of the controller): keep it short, and hand slow work (a chat message, a
 * webhook call) to your own executor. An exception it throws is logged and does not stop the
 * controller or the other listeners.
 */
@FunctionalInterface
public interface ApplicationListener {

    /**
     * One event.
     *
     * @param event what happened, to which application, when
     */
    void onEvent(ApplicationEvent event);
}
