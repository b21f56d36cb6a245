package io.gitops4j.cli;

import io.gitops4j.core.crd.CustomResourceDefinitions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gitops crds}: prints GitOps4J's minimal CRDs of Argo CD's kinds, for clusters without Argo CD. */
@Command(name = "crds", mixinStandardHelpOptions = true,
        description = {"Print minimal CustomResourceDefinitions of Argo CD's Application, AppProject and "
                + "ApplicationSet, for clusters without Argo CD: gitops crds | kubectl apply -f -",
                "Where Argo CD is installed, its own CRDs serve the same kinds."})
final class CrdsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(CustomResourceDefinitions.yaml());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
