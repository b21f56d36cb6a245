package io.gitops4j.fake.internal;

import io.gitops4j.cluster.ResourceType;

/** Called before every client request the fake API server handles; fault injection plugs in here. */
@FunctionalInterface
public interface RequestHook {

    /** A hook that lets every request through. */
    RequestHook NONE = (verb, type) -> { };

    /**
     * @param verb the Kubernetes verb: {@code get}, {@code list}, {@code watch}, {@code create},
     *     {@code update}, {@code patch} or {@code delete}
     * @param type the type the request is about
     * @throws io.gitops4j.cluster.ClusterException to fail the request
     */
    void before(String verb, ResourceType type);
}
