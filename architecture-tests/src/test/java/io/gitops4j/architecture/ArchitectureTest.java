package io.gitops4j.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries docs/architecture.md draws, held by test over every module's production classes:
 * which module may use which, no package cycles, {@code internal} packages used only from their
 * own subtree, and third-party libraries confined to the module that wraps them.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.gitops4j");
    }

    @Test
    void modulesDependOnlyOnTheModulesBelowThem() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("gitops-diff").definedBy("io.gitops4j.kube..", "io.gitops4j.diff..")
                .layer("gitops-render").definedBy("io.gitops4j.render..")
                .layer("gitops-cluster").definedBy("io.gitops4j.cluster..")
                .layer("gitops-fake").definedBy("io.gitops4j.fake..")
                .layer("gitops-k8s").definedBy("io.gitops4j.k8s..")
                .layer("gitops-core").definedBy("io.gitops4j.core..")
                .layer("gitops-test").definedBy("io.gitops4j.test..")
                .layer("gitops-cli").definedBy("io.gitops4j.cli..")
                .whereLayer("gitops-cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("gitops-test").mayNotBeAccessedByAnyLayer()
                .whereLayer("gitops-core").mayOnlyBeAccessedByLayers("gitops-test", "gitops-cli")
                .whereLayer("gitops-k8s").mayOnlyBeAccessedByLayers("gitops-core", "gitops-test", "gitops-cli")
                .whereLayer("gitops-fake").mayOnlyBeAccessedByLayers("gitops-test", "gitops-cli")
                .whereLayer("gitops-cluster")
                .mayOnlyBeAccessedByLayers("gitops-fake", "gitops-k8s", "gitops-core", "gitops-test", "gitops-cli")
                .whereLayer("gitops-render").mayOnlyBeAccessedByLayers("gitops-core", "gitops-cli");
        layers.check(classes);
    }

    @Test
    void noPackageCycles() {
        InternalPackages.ignoringTheirOwners(slices().matching("io.gitops4j.(**)").should().beFreeOfCycles(), classes)
                .check(classes);
    }

    @Test
    void internalPackagesAreUsedOnlyFromTheirOwnSubtree() {
        InternalPackages.rule().check(classes);
    }

    @Test
    void thirdPartyLibrariesStayInTheModuleThatWrapsThem() {
        noClasses().that().resideOutsideOfPackages("io.gitops4j.k8s..", "io.gitops4j.test..", "io.gitops4j.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
                .because("only gitops-k8s talks to real clusters (the test kit and the CLI build clients for it)")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.gitops4j.core..")
                .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
                .because("only gitops-core reads Git")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.gitops4j.render..")
                .should().dependOnClassesThat().resideInAPackage("com.marcnuri.helm..")
                .because("only gitops-render runs Helm")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("io.gitops4j.k8s.health..")
                .should().dependOnClassesThat().resideInAPackage("org.luaj..")
                .because("only health runs Lua")
                .check(classes);
    }
}
