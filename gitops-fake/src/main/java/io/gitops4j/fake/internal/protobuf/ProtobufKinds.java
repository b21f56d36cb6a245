package io.gitops4j.fake.internal.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.gitops4j.kube.GroupVersion;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The protobuf message of a built-in kind, found by apiVersion and kind among Kubernetes' generated
 * messages ({@code io.kubernetes:client-java-proto}): {@code apps/v1 Deployment} is
 * {@code k8s.io.api.apps.v1.Deployment}. Custom resources have none (a real API server serves them
 * as JSON and YAML only), nor do groups the messages lack.
 */
final class ProtobufKinds {

    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1";
    /** Kinds of the meta group that travel under any apiVersion (v1 Status, meta.k8s.io/v1 DeleteOptions). */
    private static final Set<String> META_KINDS = Set.of("Status", "DeleteOptions", "WatchEvent", "APIResourceList",
            "APIGroupList", "APIGroup", "APIVersions");

    private final Map<String, FileDescriptor> files = new HashMap<>();

    ProtobufKinds() {
        for (FileDescriptor file : List.of(V1.getDescriptor(), V1Apps.getDescriptor(), V1Batch.getDescriptor(),
                V1Networking.getDescriptor(), V1Rbac.getDescriptor(), V1Policy.getDescriptor(),
                V1Autoscaling.getDescriptor(), V2Autoscaling.getDescriptor(), V1Storage.getDescriptor(),
                V1Scheduling.getDescriptor(), V1Certificates.getDescriptor(), V1Admissionregistration.getDescriptor(),
                V1Authentication.getDescriptor(), V1Authorization.getDescriptor(), V1Apiextensions.getDescriptor(),
                Meta.getDescriptor())) {
            files.put(file.getPackage(), file);
        }
    }

    /**
     * @return the message of this kind, or empty when the kind has no protobuf form here
     */
    Optional<Descriptor> message(String apiVersion, String kind) {
        if (META_KINDS.contains(kind)) {
            return Optional.ofNullable(files.get(META).findMessageTypeByName(kind));
        }
        FileDescriptor file = files.get(protoPackage(GroupVersion.parse(apiVersion)));
        return file == null ? Optional.empty() : Optional.ofNullable(file.findMessageTypeByName(kind));
    }

    /** Where Kubernetes generates a group's messages: {@code k8s.io.api.<group's first label>.<version>}. */
    private static String protoPackage(GroupVersion groupVersion) {
        String group = groupVersion.group();
        if (group.equals("apiextensions.k8s.io")) {
            return "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions." + groupVersion.version();
        }
        if (group.equals("meta.k8s.io")) {
            return META;
        }
        String name = group.isEmpty() ? "core" : group.substring(0, group.indexOf('.') < 0 ? group.length()
                : group.indexOf('.'));
        return "k8s.io.api." + name + "." + groupVersion.version();
    }
}
