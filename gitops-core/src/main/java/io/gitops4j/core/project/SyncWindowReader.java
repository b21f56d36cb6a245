package io.gitops4j.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.YamlFields;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a project's {@code spec.syncWindows}, Argo CD's fields unchanged; a window that does not
 * validate (kind, schedule, duration, no matcher) is refused naming its index. A time zone Go does
 * not know is read as UTC with a warning, as Argo CD does.
 */
final class SyncWindowReader {

    private static final Logger LOG = LoggerFactory.getLogger(SyncWindowReader.class);

    private final String where;
    private final Function<String, InvalidProjectException> problem;

    SyncWindowReader(String where, Function<String, InvalidProjectException> problem) {
        this.where = where;
        this.problem = problem;
    }

    List<SyncWindow> read(JsonNode value) {
        List<SyncWindow> windows = new ArrayList<>();
        List<JsonNode> items = YamlFields.list(value, "spec.syncWindows", problem);
        for (int i = 0; i < items.size(); i++) {
            windows.add(window(items.get(i), "spec.syncWindows[" + i + "]"));
        }
        return windows;
    }

    private SyncWindow window(JsonNode raw, String path) {
        JsonNode item = AppProjects.mapping(raw, path, problem);
        ProjectFields.requireKnown(item, "spec.syncWindows[]", path, where);
        String kind = YamlFields.text(item.path("kind"), path + ".kind", problem);
        if (!kind.equals("allow") && !kind.equals("deny")) {
            throw problem.apply(path + ".kind '" + kind + "' mismatch: can only be allow or deny");
        }
        try {
            SyncWindow window = new SyncWindow(kind.equals("allow") ? SyncWindow.Kind.ALLOW : SyncWindow.Kind.DENY,
                    YamlFields.text(item.path("schedule"), path + ".schedule", problem),
                    YamlFields.text(item.path("duration"), path + ".duration", problem),
                    YamlFields.strings(item.path("applications"), path + ".applications", problem),
                    YamlFields.strings(item.path("namespaces"), path + ".namespaces", problem),
                    YamlFields.strings(item.path("clusters"), path + ".clusters", problem),
                    flag(item, "manualSync", path), YamlFields.text(item.path("timeZone"), path + ".timeZone", problem),
                    flag(item, "andOperator", path), YamlFields.text(item.path("description"), path + ".description", problem),
                    flag(item, "syncOverrun", path));
            if (window.zone().isEmpty()) {
                LOG.warn("{}{}.timeZone '{}' is not a time zone Argo CD knows; the window is read in UTC, as Argo CD does",
                        where, path, window.timeZone());
            }
            return window;
        } catch (IllegalArgumentException e) {
            throw problem.apply(path + ": " + e.getMessage());
        }
    }

    private boolean flag(JsonNode item, String field, String path) {
        return YamlFields.bool(item.path(field), path + "." + field, problem).orElse(false);
    }
}
