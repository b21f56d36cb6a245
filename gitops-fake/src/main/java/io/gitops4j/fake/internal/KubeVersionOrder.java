package io.gitops4j.fake.internal;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order Kubernetes gives API versions in discovery, most preferred first: GA before beta
 * before alpha, higher numbers first within each ({@code v2, v1, v1beta2, v1beta1, v1alpha1}),
 * and versions not of that form last, alphabetically.
 */
final class KubeVersionOrder implements Comparator<String> {

    static final KubeVersionOrder INSTANCE = new KubeVersionOrder();

    private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private KubeVersionOrder() {
    }

    @Override
    public int compare(String a, String b) {
        Matcher ma = KUBE_VERSION.matcher(a);
        Matcher mb = KUBE_VERSION.matcher(b);
        boolean kubeA = ma.matches();
        boolean kubeB = mb.matches();
        if (!kubeA || !kubeB) {
            return kubeA == kubeB ? a.compareTo(b) : (kubeA ? -1 : 1);
        }
        int byStability = Integer.compare(stability(ma.group(2)), stability(mb.group(2)));
        if (byStability != 0) {
            return byStability;
        }
        int byMajor = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
        if (byMajor != 0 || ma.group(3) == null) {
            return byMajor;
        }
        return Long.compare(Long.parseLong(mb.group(3)), Long.parseLong(ma.group(3)));
    }

    private static int stability(String level) {
        return level == null ? 0 : level.equals("beta") ? 1 : 2;
    }
}
