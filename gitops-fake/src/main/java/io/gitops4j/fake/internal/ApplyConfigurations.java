package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.cluster.WriteOptions;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;

/** The checks of a server-side apply request and of the configuration it sends (400 when they fail). */
final class ApplyConfigurations {

    private ApplyConfigurations() {
    }

    /**
     * A copy of the configuration, checked against the request and completed from it.
     *
     * @param namespace the namespace of the request, already defaulted for namespaced types
     */
    static ObjectNode check(ResourceType type, String namespace, String name, ObjectNode given, WriteOptions options) {
        if (options.fieldManager().isEmpty()) {
            throw ApiErrors.badRequest("fieldManager is required for apply requests");
        }
        ObjectNode configuration = given.deepCopy();
        String apiVersion = KubernetesObjects.apiVersion(configuration);
        String kind = KubernetesObjects.kind(configuration);
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            throw ApiErrors.badRequest("an apply configuration must set apiVersion and kind (" + type.apiVersion()
                    + " " + type.kind() + ")");
        }
        if (!GroupVersion.parse(apiVersion).group().equals(type.group()) || !kind.equals(type.kind())) {
            throw ApiErrors.badRequest("the API version in the data (" + apiVersion + " " + kind
                    + ") does not match the expected API version (" + type.apiVersion() + " " + type.kind() + ")");
        }
        ObjectNode metadata = KubernetesObjects.metadata(configuration);
        if (!KubernetesObjects.name(configuration).equals(name)) {
            throw ApiErrors.badRequest("the name of the object (" + KubernetesObjects.name(configuration)
                    + ") does not match the name on the URL (" + name + ")");
        }
        if (metadata.has("managedFields")) {
            throw ApiErrors.badRequest("metadata.managedFields must be nil in an apply configuration");
        }
        if (type.namespaced()) {
            String givenNamespace = KubernetesObjects.namespace(configuration);
            if (givenNamespace.isEmpty()) {
                metadata.put("namespace", namespace);
            } else if (!givenNamespace.equals(namespace)) {
                throw ApiErrors.badRequest("the namespace of the provided object (" + givenNamespace
                        + ") does not match the namespace sent on the request (" + namespace + ")");
            }
        } else {
            metadata.remove("namespace");
        }
        configuration.put("apiVersion", type.apiVersion());
        return configuration;
    }

    /** The part of a configuration a server-side apply to the status subresource applies. */
    static ObjectNode onlyStatus(ObjectNode configuration) {
        ObjectNode status = configuration.objectNode();
        status.set("apiVersion", configuration.get("apiVersion"));
        status.set("kind", configuration.get("kind"));
        ObjectNode metadata = status.putObject("metadata");
        metadata.set("name", configuration.at("/metadata/name"));
        if (configuration.at("/metadata").has("namespace")) {
            metadata.set("namespace", configuration.at("/metadata/namespace"));
        }
        if (configuration.has("status")) {
            status.set("status", configuration.get("status"));
        }
        return status;
    }
}
