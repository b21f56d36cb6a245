package io.gitops4j.core.model;

import java.util.List;

/**
 * What a YAML stream of Argo CD objects held: its Applications, and the other {@code argoproj.io}
 * kinds the engine does not reconcile as Applications (an ApplicationSet or an AppProject), each
 * named as {@code "KIND NAME (file:line)"}, so that a caller handed a file of the wrong kind can
 * say so instead of reconciling nothing; and the fields Argo CD's Application does not have that
 * were dropped ({@link #warnings()}).
 *
 * @param applications the Applications, in file order
 * @param skipped the other argoproj.io documents, in file order
 */
public record ApplicationDocuments(List<Application> applications, List<String> skipped) {

    /**
     * Copies both lists, so that the value stays immutable.
     *
     * @param applications the Applications, in file order
     * @param skipped the other argoproj.io documents, in file order
     */
    public ApplicationDocuments {
        applications = List.copyOf(applications);
        skipped = List.copyOf(skipped);
    }

    /**
     * {@return the unknown fields dropped from every Application of the stream, in stream order
     * ({@link Application#warnings()} of each)}
     */
    public List<ApplicationWarning> warnings() {
        return applications.stream().flatMap(app -> app.warnings().stream()).toList();
    }
}
