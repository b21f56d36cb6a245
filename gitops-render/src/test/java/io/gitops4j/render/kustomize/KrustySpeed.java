package io.gitops4j.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.render.helm.HelmRenderer;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The warm in-process render of the krusty corpus, timed: every extracted case that needs no
 * process or network (no plugins, Helm or remote bases), rendered round after round in one JVM;
 * the time of the last rounds is what a long-running controller pays. Writes the cases timed to
 * {@code CASES/speed-cases.txt} so that {@code tools/krusty/reference_speed.py} times
 * {@code kubectl kustomize} over the same ones, one process per render.
 *
 * <p>{@code java -cp ... io.gitops4j.render.kustomize.KrustySpeed CASES [WARMUP_ROUNDS] [ROUNDS]}
 */
public final class KrustySpeed {

    private KrustySpeed() {
    }

    /**
     * @param args the cases directory, warm-up rounds (default 5) and measured rounds (default 10)
     */
    public static void main(String[] args) throws Exception {
        Path cases = Path.of(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        ObjectMapper json = new ObjectMapper();
        HelmRenderer helm = HelmRenderer.create();
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(cases)) {
            dirs = walk.filter(p -> p.getFileName().toString().equals("case.json")).map(Path::getParent).sorted().toList();
        }
        List<Path> timed = new ArrayList<>();
        List<KustomizeRenderer> renderers = new ArrayList<>();
        List<String> builds = new ArrayList<>();
        for (Path dir : dirs) {
            JsonNode meta = json.readTree(dir.resolve("case.json").toFile());
            JsonNode options = meta.path("options");
            if (options.path("plugins").asBoolean() || options.path("helm").asBoolean()
                    || !Files.exists(dir.resolve("kubectl-flags.txt")) || hasRemoteBase(dir.resolve("fs"))) {
                continue;
            }
            timed.add(dir);
            renderers.add(KrustyParity.renderer(dir, meta, helm));
            builds.add(meta.path("build").asText());
        }
        Files.write(cases.resolve("speed-cases.txt"), timed.stream().map(Path::toString).toList());
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int round = 0; round < warmup + rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < timed.size(); i++) {
                try {
                    renderers.get(i).render(RepositoryRoot.of(timed.get(i).resolve("fs")), builds.get(i));
                } catch (GitOpsException e) {
                    // a case Kustomize refuses too: the refusal is part of the work
                }
            }
            long took = System.nanoTime() - start;
            if (round >= warmup) {
                total += took;
                best = Math.min(best, took);
            }
        }
        System.out.printf("%d cases; warm round: mean %.1f ms, best %.1f ms (%.2f ms per case); %d warm-up rounds, %d measured%n",
                timed.size(), total / 1e6 / rounds, best / 1e6, total / 1e6 / rounds / timed.size(), warmup, rounds);
        System.exit(0);
    }

    private static boolean hasRemoteBase(Path fs) throws IOException {
        try (Stream<Path> files = Files.walk(fs)) {
            return files.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    return text.contains("github.com") || text.contains("file://") || text.contains("git::");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
