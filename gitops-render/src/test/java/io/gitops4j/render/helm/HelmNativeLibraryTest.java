package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.marcnuri.helm.jni.NativeLibrary;
import io.gitops4j.render.source.RenderException;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Helm's native library is the application's to add: without it a chart fails with one line that
 * names the jar to add for the platform, before any worker process is started.
 */
class HelmNativeLibraryTest {

    @Test
    void withoutANativeLibraryTheErrorNamesTheJarOfThisPlatform() {
        assertThatThrownBy(() -> HelmProcess.requireNativeLibrary(List.of(), "Linux", "amd64"))
                .isInstanceOf(RenderException.class)
                .hasMessage("Helm charts need Helm's native library, which is not on the class path: add the "
                        + "dependency com.marcnuri.helm-java:linux-amd64:0.0.21 (runtime scope, for Linux amd64)");
    }

    @Test
    void anUnknownPlatformIsToldWhichJarsExist() {
        assertThatThrownBy(() -> HelmProcess.requireNativeLibrary(List.of(), "SunOS", "sparcv9"))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("com.marcnuri.helm-java:<platform>:0.0.21")
                .hasMessageContaining("one of linux-amd64, linux-arm64, darwin-amd64, darwin-arm64, windows-amd64");
    }

    @Test
    void platformsAreNamedAsHelmJavaNamesItsJars() {
        assertThat(HelmProcess.platform("Linux", "x86_64")).isEqualTo("linux-amd64");
        assertThat(HelmProcess.platform("Linux", "aarch64")).isEqualTo("linux-arm64");
        assertThat(HelmProcess.platform("Mac OS X", "aarch64")).isEqualTo("darwin-arm64");
        assertThat(HelmProcess.platform("Mac OS X", "x86_64")).isEqualTo("darwin-amd64");
        assertThat(HelmProcess.platform("Windows 11", "amd64")).isEqualTo("windows-amd64");
        assertThat(HelmProcess.platform("Windows 11", "aarch64")).isEmpty();
    }

    @Test
    void theTestClassPathHasTheLinuxLibrary() {
        ServiceLoader<NativeLibrary> found = ServiceLoader.load(NativeLibrary.class);

        assertThatNoException().isThrownBy(() -> HelmProcess.requireNativeLibrary(found, "Linux", "amd64"));
    }
}
