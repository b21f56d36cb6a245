package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the API server allocates for a Service as it stores it, rather than defaults: a cluster IP
 * from the service range ({@code 10.96.0.0/12}; not for {@code ExternalName} or headless
 * Services) and a node port from 30000-32767 for every port of a {@code NodePort} or
 * {@code LoadBalancer} Service that names none. An update that leaves them out keeps those
 * already allocated, as the API server does. Allocations are not recorded in managedFields: no
 * manager owns them.
 */
final class ServiceAllocations {

    private static final long FIRST_IP = ipv4(10, 96, 0, 10);
    private static final long LAST_IP = ipv4(10, 111, 255, 254);
    private static final int FIRST_NODE_PORT = 30000;
    private static final int LAST_NODE_PORT = 32767;

    private ServiceAllocations() {
    }

    /**
     * Allocates into {@code service} what it lacks, keeping what {@code previous} (the stored
     * Service it replaces, {@code null} on create) had allocated.
     */
    static void allocate(ObjectNode service, ObjectNode previous, ObjectStore store) {
        if (!(service.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        String type = spec.path("type").asText("ClusterIP");
        JsonNode previousSpec = previous == null ? null : previous.path("spec");
        if (previousSpec != null && spec.path("clusterIP").asText("").isEmpty()
                && !previousSpec.path("clusterIP").asText("").isEmpty() && !type.equals("ExternalName")) {
            spec.set("clusterIP", previousSpec.get("clusterIP"));
            spec.set("clusterIPs", previousSpec.path("clusterIPs").deepCopy());
        }
        if (!type.equals("ExternalName") && spec.path("clusterIP").asText("").isEmpty()) {
            String ip = freeClusterIp(store);
            spec.put("clusterIP", ip);
            spec.putArray("clusterIPs").add(ip);
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            Set<Integer> used = usedNodePorts(store);
            for (JsonNode port : spec.path("ports")) {
                if (port instanceof ObjectNode portObject && !port.has("nodePort")) {
                    int kept = previousSpec == null ? 0 : previousNodePort(previousSpec, port);
                    int nodePort = kept != 0 ? kept : freeNodePort(used);
                    used.add(nodePort);
                    portObject.put("nodePort", nodePort);
                }
            }
        }
    }

    private static int previousNodePort(JsonNode previousSpec, JsonNode port) {
        for (JsonNode old : previousSpec.path("ports")) {
            if (old.path("port").asInt() == port.path("port").asInt()
                    && old.path("protocol").asText("TCP").equals(port.path("protocol").asText("TCP"))) {
                return old.path("nodePort").asInt(0);
            }
        }
        return 0;
    }

    private static String freeClusterIp(ObjectStore store) {
        Set<String> used = new HashSet<>();
        for (ObjectNode service : store.list("/Service", "")) {
            service.path("spec").path("clusterIPs").forEach(ip -> used.add(ip.asText()));
            used.add(service.path("spec").path("clusterIP").asText());
        }
        for (long ip = FIRST_IP; ip <= LAST_IP; ip++) {
            String text = (ip >> 24) + "." + ((ip >> 16) & 255) + "." + ((ip >> 8) & 255) + "." + (ip & 255);
            if (!used.contains(text)) {
                return text;
            }
        }
        throw new ClusterException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: "
                + "range is full", Optional.empty());
    }

    private static Set<Integer> usedNodePorts(ObjectStore store) {
        Set<Integer> used = new HashSet<>();
        for (ObjectNode service : store.list("/Service", "")) {
            service.path("spec").path("ports").forEach(port -> used.add(port.path("nodePort").asInt(0)));
        }
        return used;
    }

    private static int freeNodePort(Set<Integer> used) {
        for (int port = FIRST_NODE_PORT; port <= LAST_NODE_PORT; port++) {
            if (!used.contains(port)) {
                return port;
            }
        }
        throw new ClusterException(500, "InternalError", "Internal error occurred: failed to allocate a nodePort: "
                + "range is full", Optional.empty());
    }

    private static long ipv4(int a, int b, int c, int d) {
        return ((long) a << 24) | (b << 16) | (c << 8) | d;
    }
}
