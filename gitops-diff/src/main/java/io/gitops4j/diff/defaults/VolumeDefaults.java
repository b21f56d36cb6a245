package io.gitops4j.diff.defaults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** What the API server fills into pod volumes. */
final class VolumeDefaults {

    /** File mode 0644, as JSON shows it. */
    private static final int DEFAULT_MODE = 420;
    private static final Set<String> NOT_SOURCES = Set.of("name");

    private VolumeDefaults() {
    }

    static void apply(ObjectNode volume) {
        boolean hasSource = volume.properties().stream().anyMatch(field -> !NOT_SOURCES.contains(field.getKey()));
        if (!hasSource) {
            volume.putObject("emptyDir");
        }
        for (String source : new String[] {"secret", "configMap", "downwardAPI", "projected"}) {
            Nodes.ifObject(volume, source, s -> Nodes.putIfAbsent(s, "defaultMode", DEFAULT_MODE));
        }
        Nodes.ifObject(volume, "downwardAPI", VolumeDefaults::fieldRefs);
        Nodes.ifObject(volume, "projected", projected -> Nodes.forEachItem(projected, "sources", source -> {
            Nodes.ifObject(source, "serviceAccountToken", token -> Nodes.putIfAbsent(token, "expirationSeconds", 3600));
            Nodes.ifObject(source, "downwardAPI", VolumeDefaults::fieldRefs);
        }));
        Nodes.ifObject(volume, "hostPath", hostPath -> Nodes.putIfAbsent(hostPath, "type", ""));
        Nodes.ifObject(volume, "iscsi", iscsi -> Nodes.putIfAbsent(iscsi, "iscsiInterface", "default"));
        Nodes.ifObject(volume, "rbd", rbd -> {
            Nodes.putIfAbsent(rbd, "pool", "rbd");
            Nodes.putIfAbsent(rbd, "user", "admin");
            Nodes.putIfAbsent(rbd, "keyring", "/etc/ceph/keyring");
        });
        Nodes.ifObject(volume, "azureDisk", disk -> {
            Nodes.putIfAbsent(disk, "cachingMode", "ReadWrite");
            Nodes.putIfAbsent(disk, "fsType", "ext4");
            Nodes.putIfAbsent(disk, "readOnly", false);
            Nodes.putIfAbsent(disk, "kind", "Shared");
        });
        Nodes.ifObject(volume, "ephemeral", ephemeral -> Nodes.ifObject(ephemeral, "volumeClaimTemplate",
                template -> Nodes.ifObject(template, "spec", CoreDefaults::persistentVolumeClaimSpec)));
    }

    private static void fieldRefs(ObjectNode downwardApi) {
        Nodes.forEachItem(downwardApi, "items", item -> Nodes.ifObject(item, "fieldRef",
                ref -> Nodes.putIfAbsent(ref, "apiVersion", "v1")));
    }
}
