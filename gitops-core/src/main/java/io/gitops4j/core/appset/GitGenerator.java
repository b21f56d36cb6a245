package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.appset.gotemplate.Names;
import io.gitops4j.core.appset.gotemplate.TemplateData;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Redaction;
import io.gitops4j.kube.Yaml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code git} generator. {@code directories}: one parameter set per directory of the
 * repository matching an included pattern and no {@code exclude: true} one (Go's
 * {@code path.Match}). {@code files}: the files matching an included pattern minus those matching
 * an excluded one, in path order, each parsed as YAML or JSON (an object gives one set, a list
 * of objects one per item) and, with fasttemplate, flattened to dotted keys. Both add the path
 * parameters {@code path}, {@code path.basename}, {@code path.basenameNormalized},
 * {@code path[N]} (files also {@code path.filename}, {@code path.filenameNormalized}; Go
 * templates get {@code path.segments}), optionally under {@code pathParamPrefix}, and
 * {@code values}.
 */
final class GitGenerator {

    private final Generation generation;

    GitGenerator(Generation generation) {
        this.generation = generation;
    }

    List<Map<String, Object>> generate(ObjectNode spec, String path) {
        String repoURL = spec.path("repoURL").asText("");
        if (repoURL.isBlank()) {
            throw generation.error(path + ".repoURL", "is required");
        }
        String revision = spec.path("revision").asText("");
        boolean directories = spec.path("directories").size() > 0;
        boolean files = spec.path("files").size() > 0;
        if (!directories && !files) {
            throw generation.error(path, "needs directories or files");
        }
        try (RepositoryFiles.Tree tree = generation.repositories.open(repoURL, revision)) {
            return directories ? directories(spec, tree, path) : files(spec, tree, path, repoURL);
        } catch (ApplicationSetException e) {
            throw e;
        } catch (GitOpsException e) {
            throw generation.error(path, "cannot read " + Redaction.url(repoURL) + " at '" + revision + "': "
                    + e.getMessage());
        }
    }

    private List<Map<String, Object>> directories(ObjectNode spec, RepositoryFiles.Tree tree, String path) {
        List<Optional<Pattern>> include = new ArrayList<>();
        List<Optional<Pattern>> exclude = new ArrayList<>();
        for (JsonNode item : spec.path("directories")) {
            String glob = item.path("path").asText("");
            (item.path("exclude").asBoolean(false) ? exclude : include).add(PathPatterns.pathMatch(glob));
        }
        List<Map<String, Object>> params = new ArrayList<>();
        for (String directory : tree.directories()) {
            if (matchesAny(include, directory) && !matchesAny(exclude, directory)) {
                Map<String, Object> set = new LinkedHashMap<>();
                pathParameters(set, spec, directory, Optional.empty());
                GeneratorValues.append(generation, spec.path("values"), set, path + ".values");
                params.add(set);
                generation.checkCount(params.size(), path);
            }
        }
        return params;
    }

    private static boolean matchesAny(List<Optional<Pattern>> patterns, String path) {
        return patterns.stream().anyMatch(p -> p.isPresent() && p.get().matcher(path).matches());
    }

    private List<Map<String, Object>> files(ObjectNode spec, RepositoryFiles.Tree tree, String path, String repoURL) {
        List<Optional<Pattern>> include = new ArrayList<>();
        List<Optional<Pattern>> exclude = new ArrayList<>();
        for (JsonNode item : spec.path("files")) {
            String glob = item.path("path").asText("");
            Optional<Pattern> pattern = generation.newGitFileGlobbing ? PathPatterns.doublestar(glob)
                    : PathPatterns.gitPathspec(glob);
            if (pattern.isEmpty()) {
                throw generation.error(path + ".files", "'" + glob + "' is not a valid pattern");
            }
            (item.path("exclude").asBoolean(false) ? exclude : include).add(pattern);
        }
        Map<String, byte[]> contents = new TreeMap<>();
        for (String file : tree.files()) {
            if (matchesAny(include, file) && !matchesAny(exclude, file)) {
                if (contents.size() >= generation.limits.maxFiles()) {
                    throw generation.error(path + ".files", "matches more than " + generation.limits.maxFiles()
                            + " files; narrow the patterns or raise GenerationLimits.maxFiles");
                }
                contents.put(file, tree.read(file, generation.limits.maxFileSize()));
            }
        }
        List<Map<String, Object>> params = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : contents.entrySet()) {
            for (Map<String, Object> object : parse(file.getKey(), file.getValue(), path, repoURL)) {
                Map<String, Object> set = generation.goTemplate() ? new LinkedHashMap<>(object)
                        : ParamSets.flatten(object);
                pathParameters(set, spec, parent(file.getKey()), Optional.of(file.getKey()));
                GeneratorValues.append(generation, spec.path("values"), set, path + ".values");
                params.add(set);
                generation.checkCount(params.size(), path);
            }
        }
        return params;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parse(String file, byte[] content, String path, String repoURL) {
        JsonNode parsed;
        try {
            parsed = Yaml.readValue(new String(content, StandardCharsets.UTF_8), file);
        } catch (GitOpsException e) {
            throw generation.error(path, "unable to process file '" + file + "' from repository '"
                    + Redaction.url(repoURL) + "': " + e.getMessage());
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        if (parsed.isMissingNode() || parsed.isNull()) {
            objects.add(new LinkedHashMap<>());
        } else if (parsed.isObject()) {
            objects.add((Map<String, Object>) TemplateData.fromJson(parsed));
        } else if (parsed.isArray()) {
            for (JsonNode item : parsed) {
                if (!item.isObject()) {
                    throw generation.error(path, "unable to process file '" + file + "' from repository '"
                            + Redaction.url(repoURL) + "': a list must hold mappings only");
                }
                objects.add((Map<String, Object>) TemplateData.fromJson(item));
            }
        } else {
            throw generation.error(path, "unable to process file '" + file + "' from repository '"
                    + Redaction.url(repoURL) + "': it must hold a mapping or a list of mappings");
        }
        return objects;
    }

    private void pathParameters(Map<String, Object> set, ObjectNode spec, String directory, Optional<String> file) {
        String prefix = spec.path("pathParamPrefix").asText("");
        String basename = base(directory);
        if (generation.goTemplate()) {
            Map<String, Object> pathParams = new LinkedHashMap<>();
            pathParams.put("path", directory);
            pathParams.put("basename", basename);
            file.ifPresent(f -> pathParams.put("filename", base(f)));
            pathParams.put("basenameNormalized", Names.sanitize(basename));
            file.ifPresent(f -> pathParams.put("filenameNormalized", Names.sanitize(base(f))));
            pathParams.put("segments", new ArrayList<Object>(Arrays.asList(directory.split("/", -1))));
            if (prefix.isEmpty()) {
                set.put("path", pathParams);
            } else {
                Map<String, Object> wrapper = new LinkedHashMap<>();
                wrapper.put("path", pathParams);
                set.put(prefix, wrapper);
            }
            return;
        }
        String name = prefix.isEmpty() ? "path" : prefix + ".path";
        set.put(name, directory);
        set.put(name + ".basename", basename);
        file.ifPresent(f -> set.put(name + ".filename", base(f)));
        set.put(name + ".basenameNormalized", Names.sanitize(basename));
        file.ifPresent(f -> set.put(name + ".filenameNormalized", Names.sanitize(base(f))));
        String[] segments = directory.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (!segments[i].isEmpty()) {
                set.put(name + "[" + i + "]", segments[i]);
            }
        }
    }

    /** Go's {@code path.Dir} of a repository-relative file: {@code .} for a file at the root. */
    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "." : file.substring(0, slash);
    }

    /** Go's {@code path.Base}. */
    private static String base(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
