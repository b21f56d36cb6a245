package io.gitops4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.DiffResult;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.kube.ServerFields;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.mask.SecretMasker;
import io.gitops4j.diff.text.UnifiedDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops diff --desired FILE --live FILE}: what applying the desired manifests would change
 * in the live objects, like {@code argocd app diff}. Objects pair up by group, kind, namespace
 * and name; a desired object without a live one is new, a live object without a desired one
 * would be pruned. Exit code 0 when nothing would change, 1 when something would, 2 on error.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what applying the desired manifests would change in the live objects.",
                "Exit code: 0 equal, 1 different, 2 error."})
final class DiffCommand implements Callable<Integer> {

    static final int EQUAL = 0;
    static final int DIFFERENT = 1;
    static final int ERROR = 2;

    /** Output formats. */
    enum Format { text, json }

    @Option(names = "--desired", required = true, paramLabel = "FILE", description = "manifests from Git (multi-document YAML or JSON)")
    Path desiredFile;

    @Option(names = "--live", required = true, paramLabel = "FILE",
            description = "the objects as the cluster returns them (kubectl get -o yaml; a List is fine)")
    Path liveFile;

    @Option(names = "--ignore-differences", paramLabel = "FILE", description = "an Argo CD ignoreDifferences list (YAML)")
    Path ignoreFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--field-manager", paramLabel = "NAME", defaultValue = ResourceDiffer.DEFAULT_FIELD_MANAGER,
            description = "the field manager of server-side applies (default: ${DEFAULT-VALUE})")
    String fieldManager;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            ResourceDiffer differ = ResourceDiffer.builder()
                    .ignoreDifferences(ignoreFile == null ? IgnoreDifferences.none()
                            : IgnoreDifferences.parse(read(ignoreFile), ignoreFile.toString()))
                    .fieldManager(fieldManager)
                    .build();
            List<Entry> entries = compare(differ, objects(desiredFile), objects(liveFile));
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Format.json ? Json.write(json(entries)) + "\n" : text(entries));
            out.flush();
            return entries.stream().anyMatch(Entry::changed) ? DIFFERENT : EQUAL;
        } catch (GitOpsException e) {
            return fail(e.getMessage());
        } catch (NoSuchFileException e) {
            return fail(e.getFile() + ": no such file");
        } catch (IOException e) {
            return fail("cannot read " + e.getMessage());
        }
    }

    /** One resource of the comparison; {@code status} is {@code Synced}, {@code OutOfSync}, {@code Missing} or {@code Extraneous}. */
    private record Entry(ResourceKey key, String status, String mode, JsonNode operations, String text) {
        boolean changed() {
            return !status.equals("Synced");
        }
    }

    private static List<Entry> compare(ResourceDiffer differ, Map<ResourceKey, ObjectNode> desired,
            Map<ResourceKey, ObjectNode> live) {
        List<Entry> entries = new ArrayList<>();
        desired.forEach((key, object) -> {
            ObjectNode counterpart = live.get(key);
            if (counterpart == null) {
                entries.add(new Entry(key, "Missing", "", Json.mapper().createArrayNode(),
                        UnifiedDiff.between(key + " (live)", "", key + " (desired)", shown(object))));
            } else {
                DiffResult result = differ.diff(object, counterpart);
                entries.add(new Entry(key, result.modified() ? "OutOfSync" : "Synced", result.mode().name(),
                        result.patch(), result.textDiff()));
            }
        });
        live.forEach((key, object) -> {
            if (!desired.containsKey(key)) {
                entries.add(new Entry(key, "Extraneous", "", Json.mapper().createArrayNode(),
                        UnifiedDiff.between(key + " (live)", shown(object), key + " (desired)", "")));
            }
        });
        return entries;
    }

    private static String shown(ObjectNode object) {
        return Yaml.write(SecretMasker.mask(List.of(ServerFields.strip(object))).get(0));
    }

    private static String text(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            if (entry.changed()) {
                text.append("===== ").append(entry.key()).append(" (").append(entry.status()).append(") =====\n")
                        .append(entry.text());
            }
        }
        long changed = entries.stream().filter(Entry::changed).count();
        text.append(changed == 0 ? "no differences in " + entries.size() + " resources\n"
                : changed + " of " + entries.size() + " resources differ\n");
        return text.toString();
    }

    private static ObjectNode json(List<Entry> entries) {
        ObjectNode report = Json.object();
        report.put("modified", entries.stream().anyMatch(Entry::changed));
        ArrayNode resources = report.putArray("resources");
        for (Entry entry : entries) {
            ObjectNode resource = resources.addObject();
            resource.put("group", entry.key().group()).put("kind", entry.key().kind())
                    .put("namespace", entry.key().namespace()).put("name", entry.key().name())
                    .put("status", entry.status()).put("modified", entry.changed());
            if (!entry.mode().isEmpty()) {
                resource.put("mode", entry.mode());
            }
            resource.set("operations", entry.operations());
            resource.put("diff", entry.text());
        }
        return report;
    }

    /** The objects of a file by key; {@code kind: List} documents contribute their items. */
    private static Map<ResourceKey, ObjectNode> objects(Path file) throws IOException {
        Map<ResourceKey, ObjectNode> objects = new LinkedHashMap<>();
        for (YamlDocument document : Yaml.readDocuments(read(file), file.toString())) {
            ObjectNode body = document.body();
            List<ObjectNode> items = new ArrayList<>();
            if (body.path("kind").asText("").endsWith("List") && body.path("items").isArray()) {
                body.get("items").forEach(item -> items.add((ObjectNode) item));
            } else {
                items.add(body);
            }
            for (ObjectNode item : items) {
                ResourceKey key = ResourceKey.of(item);
                if (key.kind().isEmpty() || key.name().isEmpty()) {
                    throw new GitOpsException(document.location() + ": a Kubernetes object needs a kind and metadata.name");
                }
                if (objects.put(key, item) != null) {
                    throw new GitOpsException(document.location() + ": " + key + " appears twice in " + file);
                }
            }
        }
        return objects;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("gitops diff: " + message);
        return ERROR;
    }
}
