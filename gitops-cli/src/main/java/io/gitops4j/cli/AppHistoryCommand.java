package io.gitops4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Redaction;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gitops app history NAME}: an Application's {@code status.history[]} as
 * {@code argocd app history} prints it: one table per repository (a {@code SOURCE} line, then ID,
 * DATE and REVISION, the target revision with the commit's first seven characters), so an
 * application with several sources shows one table per source; {@code -o id} prints the ids only.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Show an Application's deployment history (status.history), as argocd app history.")
final class AppHistoryCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { wide, id }

    /** How Go prints a time ({@code time.Time.String()}, as argocd prints DATE), in the local zone. */
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx z",
            Locale.ROOT);

    /** How much of a commit argocd shows after the target revision. */
    private static final int SHORT_REVISION = 7;

    @Mixin
    AppCommand.Target target;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "wide",
            description = "wide (a table per source) or id (default: ${DEFAULT-VALUE})")
    Format output;

    @Spec
    CommandSpec spec;

    ZoneId zone = ZoneId.systemDefault();

    @Override
    public Integer call() {
        ObjectNode app = target.with((cluster, type) -> target.get(cluster, type, name));
        PrintWriter out = spec.commandLine().getOut();
        JsonNode history = app.at("/status/history");
        if (output == Format.id) {
            history.forEach(entry -> out.println(entry.path("id").asLong()));
        } else {
            out.print(table(history));
        }
        out.flush();
        return 0;
    }

    /** One table per repository, in the order the repositories first appear. */
    String table(JsonNode history) {
        Map<String, List<List<String>>> byRepository = new LinkedHashMap<>();
        for (JsonNode entry : history) {
            JsonNode sources = entry.path("sources");
            if (sources.isArray() && !sources.isEmpty()) {
                JsonNode revisions = entry.path("revisions");
                for (int i = 0; i < sources.size(); i++) {
                    String commit = revisions.size() == sources.size() ? revisions.get(i).asText("") : "";
                    add(byRepository, sources.get(i), entry, commit);
                }
            } else {
                add(byRepository, entry.path("source"), entry, entry.path("revision").asText(""));
            }
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<List<String>>> repository : byRepository.entrySet()) {
            if (text.length() > 0) {
                text.append('\n');
            }
            // as Go's tabwriter aligns them: the SOURCE line shares the first column with the table
            int idWidth = Math.max("SOURCE".length(),
                    repository.getValue().stream().mapToInt(row -> row.get(0).length()).max().orElse(0));
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of(pad("ID", idWidth), "DATE", "REVISION"));
            repository.getValue().forEach(row -> rows.add(List.of(pad(row.get(0), idWidth), row.get(1), row.get(2))));
            text.append(pad("SOURCE", idWidth)).append("  ").append(repository.getKey()).append('\n')
                    .append(TextTable.of(rows));
        }
        return text.toString();
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }

    private void add(Map<String, List<List<String>>> byRepository, JsonNode source, JsonNode entry, String commit) {
        String revision = source.path("targetRevision").asText("");
        if (commit.length() >= SHORT_REVISION) {
            revision = revision + " (" + commit.substring(0, SHORT_REVISION) + ")";
        }
        byRepository.computeIfAbsent(Redaction.url(source.path("repoURL").asText("")), url -> new ArrayList<>())
                .add(List.of(entry.path("id").asText(), date(entry.path("deployedAt").asText("")), revision));
    }

    private String date(String deployedAt) {
        try {
            return GO_TIME.format(Instant.parse(deployedAt).atZone(zone));
        } catch (DateTimeParseException e) {
            return deployedAt;
        }
    }
}
