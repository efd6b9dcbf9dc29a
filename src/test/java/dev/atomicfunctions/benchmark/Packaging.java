package dev.atomicfunctions.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Builds what the benchmark's child JVMs load: small jars of our own classes, and deployment-package folders. */
final class Packaging {

    private final Path work;

    Packaging(Path work) {
        this.work = work;
    }

    /** A deployment package as Lambda lays it out: every jar's content unzipped into one folder. */
    Path extract(String name, String... jars) throws IOException {
        Path root = work.resolve(name).toAbsolutePath();
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (String jarFile : jars) {
            try (JarFile archive = new JarFile(jarFile)) {
                for (JarEntry entry : Collections.list(archive.entries())) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root) || entry.isDirectory() || Files.exists(target)) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
        return root;
    }

    /**
     * Packs the given compiled classes into a jar of their own, so a child JVM sees nothing else of ours (and an AOT
     * cache, which takes jars only, can cover them).
     */
    String isolate(String name, Class<?> type, String... extraClasses) throws IOException {
        Path jarFile = work.resolve(name + ".jar").toAbsolutePath();
        List<String> classes = new ArrayList<>(List.of(type.getName()));
        classes.addAll(Arrays.asList(extraClasses));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarFile))) {
            for (String className : classes) {
                String resource = className.replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(resource));
                try (InputStream in = Packaging.class.getClassLoader().getResourceAsStream(resource)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return jarFile.toString();
    }

    static String dependency(String artifact) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> Path.of(entry).getFileName().toString().matches(Pattern.quote(artifact) + "-\\d.*\\.jar"))
            .findFirst().orElseThrow(() -> new IllegalStateException(artifact + " is not on the class path"));
    }

    static String classPath(String... entries) {
        return String.join(File.pathSeparator, entries);
    }
}
