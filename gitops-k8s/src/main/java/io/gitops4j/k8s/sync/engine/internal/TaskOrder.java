package io.gitops4j.k8s.sync.engine.internal;

import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The order of a sync's tasks, Argo CD's: phase, wave, kind ({@link KindOrder}), name; then a
 * Namespace moves ahead of the first task in it, and a CustomResourceDefinition ahead of the
 * first of its custom resources, taking that task's phase and wave.
 */
final class TaskOrder {

    private static final Comparator<SyncTask> ORDER = Comparator.comparing(SyncTask::phase)
            .thenComparingInt(SyncTask::wave)
            .thenComparingInt(t -> KindOrder.rank(t.kind()))
            .thenComparing(t -> KubernetesObjects.name(t.object()));

    private TaskOrder() {
    }

    /** Sorts in place. */
    static void sort(List<SyncTask> tasks) {
        tasks.sort(ORDER);
        moveAhead(tasks, TaskOrder::namespaceName, t -> nonEmpty(KubernetesObjects.namespace(t.object())));
        moveAhead(tasks, TaskOrder::definedGroupKind, t -> Optional.of(groupKind(t)));
    }

    /**
     * Moves each task that is a dependency ahead of the first task that refers to it, when that
     * one comes earlier; prunes are neither.
     */
    private static void moveAhead(List<SyncTask> tasks, Function<SyncTask, Optional<String>> dependencyKey,
            Function<SyncTask, Optional<String>> referencedKey) {
        Map<String, Integer> firstReference = new HashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            SyncTask task = tasks.get(i);
            if (task.isPrune()) {
                continue;
            }
            Optional<String> dependency = dependencyKey.apply(task);
            if (dependency.isPresent()) {
                Integer index = firstReference.get(dependency.get());
                if (index != null) {
                    SyncTask first = tasks.get(index);
                    task.moveTo(first.phase(), first.wave());
                    tasks.remove(i);
                    tasks.add(index, task);
                    firstReference.replaceAll((k, v) -> v >= index ? v + 1 : v);
                }
            } else {
                Optional<String> referenced = referencedKey.apply(task);
                if (referenced.isPresent()) {
                    firstReference.putIfAbsent(referenced.get(), i);
                }
            }
        }
    }

    private static Optional<String> namespaceName(SyncTask task) {
        boolean namespace = task.kind().equals("Namespace")
                && GroupVersion.parse(KubernetesObjects.apiVersion(task.object())).group().isEmpty();
        return namespace ? Optional.of(KubernetesObjects.name(task.object())) : Optional.empty();
    }

    private static Optional<String> definedGroupKind(SyncTask task) {
        if (!task.kind().equals("CustomResourceDefinition")) {
            return Optional.empty();
        }
        String group = task.object().path("spec").path("group").asText("");
        String kind = task.object().path("spec").path("names").path("kind").asText("");
        return group.isEmpty() || kind.isEmpty() ? Optional.empty() : Optional.of(group + "/" + kind);
    }

    private static String groupKind(SyncTask task) {
        return GroupVersion.parse(KubernetesObjects.apiVersion(task.object())).group() + "/" + task.kind();
    }

    private static Optional<String> nonEmpty(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
