package io.gitops4j.render.kustomize;

import java.util.List;
import java.util.Locale;

/**
 * Argo CD's {@code kustomize.buildOptions} (the flags Argo CD passes to {@code kustomize build}),
 * read into the renderer's settings: {@code --enable-alpha-plugins}, {@code --enable-exec},
 * {@code --enable-helm} and {@code --load-restrictor}. Each flag may be written {@code --flag},
 * {@code --flag=true} or {@code --flag=false}, and {@code --load-restrictor VALUE} or
 * {@code --load-restrictor=VALUE}, as Kustomize's command line takes them.
 *
 * @param alphaPlugins {@code --enable-alpha-plugins}
 * @param exec {@code --enable-exec}
 * @param helm {@code --enable-helm}
 * @param loadRestrictor {@code --load-restrictor}; {@link LoadRestrictor#ROOT_ONLY} when absent
 */
public record KustomizeBuildOptions(boolean alphaPlugins, boolean exec, boolean helm, LoadRestrictor loadRestrictor) {

    /** No flags: Kustomize's defaults. */
    public static final KustomizeBuildOptions NONE = new KustomizeBuildOptions(false, false, false,
            LoadRestrictor.ROOT_ONLY);

    private static final List<String> KNOWN = List.of("--enable-alpha-plugins", "--enable-exec", "--enable-helm",
            "--load-restrictor");

    /**
     * Reads a {@code kustomize.buildOptions} value.
     *
     * @param options the flags, separated by white space
     * @return the settings
     * @throws IllegalArgumentException naming a flag the renderer does not know or a bad value
     */
    public static KustomizeBuildOptions parse(String options) {
        boolean alphaPlugins = false;
        boolean exec = false;
        boolean helm = false;
        LoadRestrictor restrictor = LoadRestrictor.ROOT_ONLY;
        String[] words = options.strip().isEmpty() ? new String[0] : options.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            int equals = word.indexOf('=');
            String flag = equals < 0 ? word : word.substring(0, equals);
            String value = equals < 0 ? null : word.substring(equals + 1);
            switch (flag) {
                case "--enable-alpha-plugins" -> alphaPlugins = bool(flag, value);
                case "--enable-exec" -> exec = bool(flag, value);
                case "--enable-helm" -> helm = bool(flag, value);
                case "--load-restrictor" -> {
                    if (value == null) {
                        if (i + 1 >= words.length) {
                            throw new IllegalArgumentException("kustomize.buildOptions: --load-restrictor needs a value "
                                    + "(LoadRestrictionsRootOnly or LoadRestrictionsNone)");
                        }
                        value = words[++i];
                    }
                    restrictor = restrictor(value);
                }
                default -> throw new IllegalArgumentException("kustomize.buildOptions: '" + word + "' is not supported "
                        + "by the in-process Kustomize; supported: " + String.join(", ", KNOWN));
            }
        }
        return new KustomizeBuildOptions(alphaPlugins, exec, helm, restrictor);
    }

    private static boolean bool(String flag, String value) {
        if (value == null) {
            return true;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "t", "1" -> true;
            case "false", "f", "0" -> false;
            default -> throw new IllegalArgumentException("kustomize.buildOptions: " + flag + "=" + value
                    + " is not a boolean (true or false)");
        };
    }

    private static LoadRestrictor restrictor(String value) {
        return switch (value) {
            case "LoadRestrictionsRootOnly" -> LoadRestrictor.ROOT_ONLY;
            case "LoadRestrictionsNone" -> LoadRestrictor.NONE;
            default -> throw new IllegalArgumentException("kustomize.buildOptions: --load-restrictor " + value
                    + " is not LoadRestrictionsRootOnly or LoadRestrictionsNone");
        };
    }
}
