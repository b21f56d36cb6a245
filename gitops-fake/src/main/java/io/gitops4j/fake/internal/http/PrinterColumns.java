package io.gitops4j.fake.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.LabelSelector;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The columns an API server prints a kind in when {@code kubectl get} asks for a Table: those of
 * Kubernetes' own printers for the common built-in kinds (Deployments show READY, UP-TO-DATE,
 * AVAILABLE, AGE; Pods READY, STATUS, RESTARTS, AGE; ...), a CustomResourceDefinition's
 * {@code additionalPrinterColumns} for its custom resources (AGE when it declares none), and
 * NAME and CREATED AT for the other built-in kinds. Columns of priority 1 show with {@code -o wide}.
 */
final class PrinterColumns {

    /** One column: its definition, and its cell for an object at a moment. */
    record Column(String name, String type, String format, String description, int priority,
            BiFunction<ObjectNode, Instant, Object> cell) {
    }

    private static final Column NAME = new Column("Name", "string", "name",
            "Name must be unique within a namespace.", 0, (o, now) -> o.path("metadata").path("name").asText());
    private static final Column AGE = column("Age", "string", (o, now) -> age(o.path("metadata")
            .path("creationTimestamp"), now));

    private static final Map<String, List<Column>> BUILT_IN = Map.ofEntries(
            Map.entry("apps/Deployment", List.of(NAME,
                    column("Ready", "string", (o, now) -> o.at("/status/readyReplicas").asInt() + "/"
                            + o.at("/spec/replicas").asInt(1)),
                    column("Up-to-date", "integer", (o, now) -> o.at("/status/updatedReplicas").asInt()),
                    column("Available", "integer", (o, now) -> o.at("/status/availableReplicas").asInt()),
                    AGE, containers(), images(), selector())),
            Map.entry("apps/ReplicaSet", List.of(NAME,
                    column("Desired", "integer", (o, now) -> o.at("/spec/replicas").asInt(1)),
                    column("Current", "integer", (o, now) -> o.at("/status/replicas").asInt()),
                    column("Ready", "integer", (o, now) -> o.at("/status/readyReplicas").asInt()),
                    AGE, containers(), images(), selector())),
            Map.entry("apps/StatefulSet", List.of(NAME,
                    column("Ready", "string", (o, now) -> o.at("/status/readyReplicas").asInt() + "/"
                            + o.at("/spec/replicas").asInt(1)),
                    AGE, containers(), images())),
            Map.entry("apps/DaemonSet", List.of(NAME,
                    column("Desired", "integer", (o, now) -> o.at("/status/desiredNumberScheduled").asInt()),
                    column("Current", "integer", (o, now) -> o.at("/status/currentNumberScheduled").asInt()),
                    column("Ready", "integer", (o, now) -> o.at("/status/numberReady").asInt()),
                    column("Up-to-date", "integer", (o, now) -> o.at("/status/updatedNumberScheduled").asInt()),
                    column("Available", "integer", (o, now) -> o.at("/status/numberAvailable").asInt()),
                    column("Node Selector", "string", (o, now) -> pairs(o.at("/spec/template/spec/nodeSelector"))),
                    AGE, containers(), images(), selector())),
            Map.entry("batch/Job", List.of(NAME,
                    column("Status", "string", (o, now) -> jobStatus(o)),
                    column("Completions", "string", (o, now) -> o.at("/status/succeeded").asInt() + "/"
                            + o.at("/spec/completions").asInt(1)),
                    column("Duration", "string", (o, now) -> jobDuration(o, now)),
                    AGE, containers(), images(), selector())),
            Map.entry("batch/CronJob", List.of(NAME,
                    column("Schedule", "string", (o, now) -> o.at("/spec/schedule").asText()),
                    column("Timezone", "string", (o, now) -> o.at("/spec/timeZone").asText("<none>")),
                    column("Suspend", "boolean", (o, now) -> o.at("/spec/suspend").asBoolean()),
                    column("Active", "integer", (o, now) -> o.at("/status/active").size()),
                    column("Last Schedule", "string", (o, now) -> o.at("/status/lastScheduleTime").isMissingNode()
                            ? "<none>" : age(o.at("/status/lastScheduleTime"), now)),
                    AGE)),
            Map.entry("/Pod", List.of(NAME,
                    column("Ready", "string", (o, now) -> readyContainers(o) + "/" + o.at("/spec/containers").size()),
                    column("Status", "string", (o, now) -> podStatus(o)),
                    column("Restarts", "string", (o, now) -> restarts(o)),
                    AGE,
                    wide("IP", (o, now) -> o.at("/status/podIP").asText("<none>")),
                    wide("Node", (o, now) -> o.at("/spec/nodeName").asText("<none>")))),
            Map.entry("/Service", List.of(NAME,
                    column("Type", "string", (o, now) -> o.at("/spec/type").asText("ClusterIP")),
                    column("Cluster-IP", "string", (o, now) -> o.at("/spec/clusterIP").asText("<none>")),
                    column("External-IP", "string", (o, now) -> externalIps(o)),
                    column("Port(s)", "string", (o, now) -> ports(o)),
                    AGE,
                    wide("Selector", (o, now) -> pairs(o.at("/spec/selector"))))),
            Map.entry("/ConfigMap", List.of(NAME,
                    column("Data", "integer", (o, now) -> o.path("data").size() + o.path("binaryData").size()), AGE)),
            Map.entry("/Secret", List.of(NAME,
                    column("Type", "string", (o, now) -> o.path("type").asText("Opaque")),
                    column("Data", "integer", (o, now) -> o.path("data").size()), AGE)),
            Map.entry("/Namespace", List.of(NAME,
                    column("Status", "string", (o, now) -> o.at("/status/phase").asText("Active")), AGE)),
            Map.entry("/ServiceAccount", List.of(NAME,
                    column("Secrets", "integer", (o, now) -> o.path("secrets").size()), AGE)),
            Map.entry("/PersistentVolumeClaim", List.of(NAME,
                    column("Status", "string", (o, now) -> o.at("/status/phase").asText("Pending")),
                    column("Volume", "string", (o, now) -> o.at("/spec/volumeName").asText("")),
                    column("Capacity", "string", (o, now) -> o.at("/status/capacity/storage").asText("")),
                    column("Access Modes", "string", (o, now) -> accessModes(o.at("/status/accessModes"))),
                    column("StorageClass", "string", (o, now) -> o.at("/spec/storageClassName").asText("<unset>")),
                    AGE)),
            Map.entry("networking.k8s.io/Ingress", List.of(NAME,
                    column("Class", "string", (o, now) -> o.at("/spec/ingressClassName").asText("<none>")),
                    column("Hosts", "string", (o, now) -> hosts(o)),
                    column("Address", "string", (o, now) -> loadBalancerAddresses(o)),
                    column("Ports", "string", (o, now) -> o.at("/spec/tls").isEmpty() ? "80" : "80, 443"),
                    AGE)),
            Map.entry("apiextensions.k8s.io/CustomResourceDefinition", List.of(NAME,
                    new Column("Created At", "date", "", "", 0,
                            (o, now) -> o.at("/metadata/creationTimestamp").asText()))));

    private static final List<Column> DEFAULT = List.of(NAME, new Column("Created At", "date", "",
            "CreationTimestamp is a timestamp representing the server time when this object was created.", 0,
            (o, now) -> o.at("/metadata/creationTimestamp").asText()));

    private PrinterColumns() {
    }

    /**
     * The columns of a type.
     *
     * @param crd the CustomResourceDefinition of a custom resource type, empty for a built-in one
     */
    static List<Column> of(ResourceType type, Optional<ObjectNode> crd) {
        if (crd.isPresent()) {
            return customColumns(type, crd.get());
        }
        return BUILT_IN.getOrDefault(type.groupKind(), DEFAULT);
    }

    private static List<Column> customColumns(ResourceType type, ObjectNode crd) {
        List<Column> columns = new ArrayList<>(List.of(NAME));
        for (JsonNode version : crd.at("/spec/versions")) {
            if (!version.path("name").asText().equals(type.version())) {
                continue;
            }
            JsonNode declared = version.path("additionalPrinterColumns");
            if (declared.isEmpty()) {
                columns.add(AGE);
            }
            for (JsonNode column : declared) {
                String columnType = column.path("type").asText("string");
                String path = column.path("jsonPath").asText();
                columns.add(new Column(column.path("name").asText(), columnType, column.path("format").asText(""),
                        column.path("description").asText(""), column.path("priority").asInt(0),
                        (o, now) -> customCell(SimpleJsonPath.read(o, path), columnType, now)));
            }
        }
        return columns;
    }

    private static Object customCell(Optional<JsonNode> value, String type, Instant now) {
        if (value.isEmpty() || value.get().isNull()) {
            return null;
        }
        JsonNode node = value.get();
        return switch (type) {
            case "date" -> age(node, now);
            case "integer" -> node.asLong();
            case "number" -> node.asDouble();
            case "boolean" -> node.asBoolean();
            default -> node.isValueNode() ? node.asText() : node.toString();
        };
    }

    private static Column column(String name, String type, BiFunction<ObjectNode, Instant, Object> cell) {
        return new Column(name, type, "", "", 0, cell);
    }

    private static Column wide(String name, BiFunction<ObjectNode, Instant, Object> cell) {
        return new Column(name, "string", "", "", 1, cell);
    }

    private static Column containers() {
        return wide("Containers", (o, now) -> joined(o.at("/spec/template/spec/containers"), "name"));
    }

    private static Column images() {
        return wide("Images", (o, now) -> joined(o.at("/spec/template/spec/containers"), "image"));
    }

    private static Column selector() {
        return wide("Selector", (o, now) -> {
            JsonNode selector = o.at("/spec/selector");
            return selector.isObject() ? LabelSelector.fromJson(selector).toString() : "<none>";
        });
    }

    /** The age of a timestamp as kubectl writes durations: 45s, 3m20s, 2h5m, 3d4h, 2y30d. */
    static String age(JsonNode timestamp, Instant now) {
        try {
            return humanDuration(Duration.between(Instant.parse(timestamp.asText()), now));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    static String humanDuration(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return withRest(minutes, "m", seconds % 60, "s");
        } else if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return withRest(hours, "h", minutes % 60, "m");
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            return withRest(hours / 24, "d", hours % 24, "h");
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            return withRest(hours / 24 / 365, "y", (hours / 24) % 365, "d");
        }
        return hours / 24 / 365 + "y";
    }

    private static String withRest(long whole, String unit, long rest, String restUnit) {
        return rest == 0 ? whole + unit : whole + unit + rest + restUnit;
    }

    private static String joined(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(field).asText()));
        return String.join(",", values);
    }

    private static String pairs(JsonNode map) {
        if (map.isEmpty()) {
            return "<none>";
        }
        List<String> pairs = new ArrayList<>();
        map.properties().forEach(e -> pairs.add(e.getKey() + "=" + e.getValue().asText()));
        return String.join(",", pairs);
    }

    private static int readyContainers(ObjectNode pod) {
        int ready = 0;
        for (JsonNode status : pod.at("/status/containerStatuses")) {
            ready += status.path("ready").asBoolean() ? 1 : 0;
        }
        return ready;
    }

    private static String restarts(ObjectNode pod) {
        int restarts = 0;
        for (JsonNode status : pod.at("/status/containerStatuses")) {
            restarts += status.path("restartCount").asInt();
        }
        return Integer.toString(restarts);
    }

    /** A Pod's STATUS: a waiting container's reason (ImagePullBackOff, ...), else the pod's reason or phase. */
    private static String podStatus(ObjectNode pod) {
        if (pod.at("/metadata/deletionTimestamp").isTextual()) {
            return "Terminating";
        }
        for (JsonNode status : pod.at("/status/containerStatuses")) {
            String waiting = status.at("/state/waiting/reason").asText("");
            if (!waiting.isEmpty()) {
                return waiting;
            }
        }
        return pod.at("/status/reason").asText(pod.at("/status/phase").asText("Pending"));
    }

    private static String jobStatus(ObjectNode job) {
        for (JsonNode condition : job.at("/status/conditions")) {
            if (condition.path("status").asText().equals("True")) {
                String type = condition.path("type").asText();
                if (type.equals("Complete") || type.equals("Failed") || type.equals("Suspended")) {
                    return type;
                }
            }
        }
        return "Running";
    }

    private static String jobDuration(ObjectNode job, Instant now) {
        JsonNode start = job.at("/status/startTime");
        if (!start.isTextual()) {
            return "";
        }
        JsonNode end = job.at("/status/completionTime");
        try {
            Instant until = end.isTextual() ? Instant.parse(end.asText()) : now;
            return humanDuration(Duration.between(Instant.parse(start.asText()), until));
        } catch (DateTimeParseException e) {
            return "<unknown>";
        }
    }

    private static String externalIps(ObjectNode service) {
        List<String> addresses = new ArrayList<>();
        service.at("/spec/externalIPs").forEach(ip -> addresses.add(ip.asText()));
        service.at("/status/loadBalancer/ingress").forEach(i -> addresses.add(i.path("ip").asText(i.path("hostname")
                .asText())));
        if (!addresses.isEmpty()) {
            return String.join(",", addresses);
        }
        String type = service.at("/spec/type").asText("ClusterIP");
        return type.equals("LoadBalancer") ? "<pending>" : type.equals("ExternalName")
                ? service.at("/spec/externalName").asText() : "<none>";
    }

    private static String ports(ObjectNode service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : service.at("/spec/ports")) {
            String nodePort = port.has("nodePort") ? ":" + port.path("nodePort").asText() : "";
            ports.add(port.path("port").asText() + nodePort + "/" + port.path("protocol").asText("TCP"));
        }
        return ports.isEmpty() ? "<none>" : String.join(",", ports);
    }

    private static String accessModes(JsonNode modes) {
        List<String> shortModes = new ArrayList<>();
        modes.forEach(mode -> shortModes.add(switch (mode.asText()) {
            case "ReadWriteOnce" -> "RWO";
            case "ReadOnlyMany" -> "ROX";
            case "ReadWriteMany" -> "RWX";
            case "ReadWriteOncePod" -> "RWOP";
            default -> mode.asText();
        }));
        return String.join(",", shortModes);
    }

    private static String hosts(ObjectNode ingress) {
        List<String> hosts = new ArrayList<>();
        ingress.at("/spec/rules").forEach(rule -> hosts.add(rule.path("host").asText("*")));
        return hosts.isEmpty() ? "*" : hosts.stream().distinct().collect(Collectors.joining(","));
    }

    private static String loadBalancerAddresses(ObjectNode ingress) {
        List<String> addresses = new ArrayList<>();
        ingress.at("/status/loadBalancer/ingress").forEach(i -> addresses.add(i.path("ip").asText(i.path("hostname")
                .asText())));
        return String.join(",", addresses);
    }
}
