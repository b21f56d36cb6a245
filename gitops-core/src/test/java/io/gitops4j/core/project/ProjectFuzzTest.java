package io.gitops4j.core.project;

import static org.assertj.core.api.Assertions.fail;

import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.project.internal.CronSchedule;
import io.gitops4j.core.project.internal.GitUrlNormalizer;
import io.gitops4j.core.project.internal.GoDuration;
import io.gitops4j.core.project.internal.GoFilepathPattern;
import io.gitops4j.core.project.internal.GoGlob;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.ResourceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated AppProject files and generated patterns, schedules and durations, from a seeded
 * {@link Random} (CONTRIBUTING.md: {@code gitops.fuzz.factor}, {@code gitops.fuzz.seed}): every
 * project file ends in projects or a {@link GitOpsException}, every pattern in a matcher or a
 * syntax error, and every project read is then judged without any other exception.
 */
class ProjectFuzzTest {

    private static final String ALPHABET = "ab*?[]{}!,-^\\/:.@ 0123456789#%~\n\t'\"&|";

    private static int tries(int base) {
        return base * Integer.getInteger("gitops.fuzz.factor", 1);
    }

    private static Random random(long seed) {
        return new Random(Long.getLong("gitops.fuzz.seed", seed));
    }

    private static String text(Random random, int max) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(max);
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(20) == 0 ? (char) (0x80 + random.nextInt(0x3000))
                    : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }

    @Test
    void mutatedProjectFilesAreReadOrRefused() throws IOException {
        String seed = Files.readString(Path.of("src/test/resources/project/guide-projects.yaml"), StandardCharsets.UTF_8);
        Random random = random(16L);
        for (int i = 0; i < tries(400); i++) {
            StringBuilder mutated = new StringBuilder(seed);
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                int at = random.nextInt(mutated.length());
                switch (random.nextInt(3)) {
                    case 0 -> mutated.deleteCharAt(at);
                    case 1 -> mutated.insert(at, text(random, 4));
                    default -> mutated.replace(at, Math.min(mutated.length(), at + random.nextInt(6)), text(random, 3));
                }
            }
            String input = mutated.toString();
            try {
                for (AppProject project : AppProjects.read(input, "fuzz.yaml")) {
                    judge(project, random);
                }
            } catch (GitOpsException expected) {
                // refused with a message: fine
            } catch (RuntimeException | Error e) {
                fail("input " + i + " threw " + e + ":\n" + input, e);
            }
        }
    }

    private static void judge(AppProject project, Random random) {
        ProjectPolicy policy = ProjectPolicy.builder(Clock.fixed(Instant.parse("2026-06-15T23:00:00Z"), ZoneOffset.UTC))
                .project(project).build();
        Application app = Application.builder(("a" + text(random, 6)).replace(":", "")).project(project.name())
                .repoURL("https://github.com/example/" + text(random, 8))
                .destination(new ApplicationDestination(text(random, 5), text(random, 5), text(random, 5))).build();
        policy.checkSync(app, new DestinationCluster(text(random, 8), text(random, 4)), SyncTrigger.AUTOMATED,
                Optional.of(Instant.parse("2026-06-15T20:00:00Z")),
                List.of(new ResourceKey(text(random, 4), text(random, 6), text(random, 4), text(random, 4))),
                key -> random.nextBoolean());
        policy.activeWindows(app);
    }

    @Test
    void generatedPatternsSchedulesAndDurationsCompileOrAreRefused() {
        Random random = random(61L);
        for (int i = 0; i < tries(3000); i++) {
            String input = text(random, 16);
            try {
                GoGlob.tryCompile(input, '/').ifPresent(g -> g.matches(text(random, 20)));
                try {
                    GoFilepathPattern.compile(input).matches(text(random, 20));
                } catch (IllegalArgumentException refused) {
                    // a syntax error
                }
                GitUrlNormalizer.normalize(input);
                try {
                    CronSchedule.parse(input.replace('a', '*').replace('b', ' '))
                            .next(Instant.parse("2026-06-15T12:00:00Z"));
                } catch (IllegalArgumentException refused) {
                    // a syntax error
                }
                try {
                    GoDuration.parse(input.replace('a', 'h').replace('b', 'm'));
                } catch (IllegalArgumentException refused) {
                    // Go's error
                }
            } catch (RuntimeException | Error e) {
                fail("input " + i + " threw " + e + ": " + input, e);
            }
        }
    }
}
