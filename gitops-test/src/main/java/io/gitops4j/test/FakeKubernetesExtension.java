package io.gitops4j.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link FakeKubernetes}: injects annotated fields before each test
 * and resolves annotated parameters of test and lifecycle methods, all from one
 * {@link FakeKubernetesEnvironment} per test method, closed after it.
 */
public final class FakeKubernetesExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeKubernetesExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.isAnnotationPresent(FakeKubernetes.class)) {
                        inject(context, instance, field);
                    }
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(FakeKubernetes.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return environment(context).valueFor(type).orElseThrow(() -> new ParameterResolutionException(
                "@FakeKubernetes cannot inject " + type.getName() + " into parameter " + parameter.getParameter()
                        + " of " + parameter.getDeclaringExecutable() + "; " + SUPPORTED));
    }

    private void inject(ExtensionContext context, Object instance, Field field) throws IllegalAccessException {
        if (Modifier.isStatic(field.getModifiers())) {
            throw new ExtensionConfigurationException("@FakeKubernetes field " + field + " is static; a fake cluster "
                    + "lives for one test method, so make the field an instance field");
        }
        Object value = environment(context).valueFor(field.getType()).orElseThrow(() ->
                new ExtensionConfigurationException("@FakeKubernetes cannot inject " + field.getType().getName()
                        + " into field " + field + "; " + SUPPORTED));
        field.setAccessible(true);
        field.set(instance, value);
    }

    private static FakeKubernetesEnvironment environment(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(FakeKubernetesEnvironment.class,
                key -> new FakeKubernetesEnvironment(), FakeKubernetesEnvironment.class);
    }

    private static final String SUPPORTED = "it injects FakeCluster, Cluster, ManualClock, FakeApiServer, "
            + "KubernetesClient (fabric8), Fabric8Cluster, GitOps, GitOps.Builder, SyncEngine and StepPacer "
            + "(FakeClusterPacer)";
}
