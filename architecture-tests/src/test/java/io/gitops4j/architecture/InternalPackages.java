package io.gitops4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A package named {@code internal} belongs to the package above it: {@code a.b.internal.c} may be
 * used by {@code a.b} and everything below it, and by nothing else.
 */
final class InternalPackages {

    private static final String INTERNAL = ".internal";

    private InternalPackages() {
    }

    /** Every use of an internal package comes from inside the package that owns it. */
    static ArchRule rule() {
        return classes().that().resideInAPackage("io.gitops4j..").should(new ArchCondition<>(
                "use internal packages only from the package that owns them") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> owner = owner(dependency.getTargetClass().getPackageName());
                    if (owner.isPresent() && !within(origin.getPackageName(), owner.get())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + " reaches into " + owner.get() + ".internal from outside " + owner.get()));
                    }
                }
            }
        }).allowEmptyShould(true);
    }

    /**
     * Lets every internal package use the rest of the package that owns it: an implementation uses
     * its facade's value types and the facade creates the implementation, a cycle by design that
     * the package-cycle rule does not count.
     */
    static SliceRule ignoringTheirOwners(SliceRule rule, JavaClasses classes) {
        SliceRule result = rule;
        Set<String> owners = new TreeSet<>();
        classes.forEach(c -> owner(c.getPackageName()).ifPresent(owners::add));
        for (String owner : owners) {
            result = result.ignoreDependency(JavaClass.Predicates.resideInAPackage(owner + INTERNAL + ".."),
                    JavaClass.Predicates.resideInAPackage(owner + "..")
                            .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(owner + INTERNAL + ".."))));
        }
        return result;
    }

    /** {@code a.b} for {@code a.b.internal} and {@code a.b.internal.c}; empty for other packages of ours. */
    private static Optional<String> owner(String packageName) {
        if (!packageName.startsWith("io.gitops4j.")) {
            return Optional.empty();
        }
        int at = packageName.indexOf(INTERNAL);
        while (at >= 0) {
            int end = at + INTERNAL.length();
            if (end == packageName.length() || packageName.charAt(end) == '.') {
                return Optional.of(packageName.substring(0, at));
            }
            at = packageName.indexOf(INTERNAL, end);
        }
        return Optional.empty();
    }

    private static boolean within(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }
}
