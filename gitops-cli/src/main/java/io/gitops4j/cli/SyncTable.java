package io.gitops4j.cli;

import io.gitops4j.k8s.sync.ResourceResult;
import io.gitops4j.k8s.sync.SyncResult;
import java.util.ArrayList;
import java.util.List;

/** A sync result as the table {@code gitops sync} prints: one row per resource, then the outcome. */
final class SyncTable {

    private static final List<String> HEADER = List.of("PHASE", "WAVE", "KIND", "NAMESPACE", "NAME", "ACTION", "STATUS",
            "MESSAGE");

    private SyncTable() {
    }

    static String of(SyncResult result) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ResourceResult r : result.resources()) {
            rows.add(List.of(r.phase().displayName() + r.hook().map(h -> " hook").orElse(""), Integer.toString(r.wave()),
                    r.key().kind(), r.key().namespace(), r.key().name(), r.action().displayName(),
                    r.status().displayName(), r.message().replace('\n', ' ')));
        }
        StringBuilder text = new StringBuilder(TextTable.of(rows));
        text.append("Sync ").append(result.phase().displayName()).append(": ").append(result.message());
        if (result.retries() > 0) {
            text.append(" (after ").append(result.retries()).append(result.retries() == 1 ? " retry)" : " retries)");
        }
        return text.append('\n').toString();
    }
}
