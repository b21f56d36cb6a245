package io.gitops4j.fake.internal;

import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import java.util.List;
import java.util.Optional;

/**
 * The errors of the fake API server, worded as a Kubernetes API server words them, so that what
 * a test or {@code kubectl} prints reads like a real cluster's answer.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    /** 404: {@code deployments.apps "web" not found}. */
    public static ClusterException notFound(ResourceType type, String name) {
        return new ClusterException(404, "NotFound", resource(type) + " \"" + name + "\" not found", Optional.empty());
    }

    /** 409 on create: {@code deployments.apps "web" already exists}. */
    public static ClusterException alreadyExists(ResourceType type, String name) {
        return new ClusterException(409, "AlreadyExists", resource(type) + " \"" + name + "\" already exists",
                Optional.empty());
    }

    /** 409 on a stale write: the object has been modified. */
    public static ClusterException modified(ResourceType type, String name) {
        return conflict(type, name, "the object has been modified; please apply your changes to the latest version "
                + "and try again");
    }

    /** 409 with a reason: {@code Operation cannot be fulfilled on deployments.apps "web": ...}. */
    public static ClusterException conflict(ResourceType type, String name, String why) {
        return new ClusterException(409, "Conflict", "Operation cannot be fulfilled on " + resource(type) + " \"" + name
                + "\": " + why, Optional.empty());
    }

    /** 422: {@code Deployment.apps "web" is invalid: spec.selector: Invalid value: ...: field is immutable}. */
    public static ClusterException invalid(ResourceType type, String name, List<String> causes) {
        String joined = causes.size() == 1 ? causes.get(0) : "[" + String.join(", ", causes) + "]";
        return new ClusterException(422, "Invalid", kind(type) + " \"" + name + "\" is invalid: " + joined, Optional.empty());
    }

    /** 422 with one cause. */
    public static ClusterException invalid(ResourceType type, String name, String cause) {
        return invalid(type, name, List.of(cause));
    }

    /** 400 with a message. */
    public static ClusterException badRequest(String message) {
        return new ClusterException(400, "BadRequest", message, Optional.empty());
    }

    /** 403: {@code deployments.apps "web" is forbidden: ...}. */
    public static ClusterException forbidden(ResourceType type, String name, String why) {
        return new ClusterException(403, "Forbidden", resource(type) + " \"" + name + "\" is forbidden: " + why,
                Optional.empty());
    }

    /** 405 with a message. */
    public static ClusterException methodNotAllowed(String message) {
        return new ClusterException(405, "MethodNotAllowed", message, Optional.empty());
    }

    /** The resource as messages name it: {@code deployments.apps}, {@code configmaps}. */
    public static String resource(ResourceType type) {
        return type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
    }

    /** The kind as messages name it: {@code Deployment.apps}, {@code ConfigMap}. */
    public static String kind(ResourceType type) {
        return type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
    }
}
