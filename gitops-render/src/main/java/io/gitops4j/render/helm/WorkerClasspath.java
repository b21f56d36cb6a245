package io.gitops4j.render.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The class path of the Helm worker process: the jars (or class folders) of gitops-render,
 * helm-java, its native library for this platform and JNA, found where this JVM loaded them from.
 * They must be plain files; an application packaged as a single jar with nested jars has to unpack
 * them (most packagers can) for Helm to run.
 */
final class WorkerClasspath {

    private WorkerClasspath() {
    }

    static String of() {
        Set<String> entries = new LinkedHashSet<>();
        entries.add(location(HelmTemplateWorker.class));
        entries.add(location(Helm.class));
        entries.add(location(HelmLib.class));
        entries.add(location(Native.class));
        for (NativeLibrary library : ServiceLoader.load(NativeLibrary.class, HelmLib.class.getClassLoader())) {
            entries.add(location(library.getClass()));
        }
        return String.join(File.pathSeparator, entries);
    }

    static Path javaExecutable() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path java = bin.resolve("java");
        return Files.isRegularFile(java) ? java : bin.resolve("java.exe");
    }

    private static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new HelmException("cannot start the Helm process: " + type.getName() + " was not loaded from a plain "
                    + "jar or folder (" + url + "); Helm needs helm-java, JNA and gitops-render as files on the class path");
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new HelmException("cannot start the Helm process: " + url + " is not a file path", e);
        }
    }
}
