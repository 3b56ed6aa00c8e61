package dev.mlship.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Parsed class files of a classpath entry (a folder or a jar), read without loading the classes. */
final class ClassFiles {
    private ClassFiles() {}

    /** The folder or jar that holds {@code type}. */
    static Path origin(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every class under {@code origin} whose internal name (a/b/C$D) passes {@code names}. */
    static List<ClassModel> read(Path origin, Predicate<String> names) {
        List<ClassModel> models = new ArrayList<>();
        try {
            if (Files.isDirectory(origin)) {
                try (Stream<Path> files = Files.walk(origin)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                        String name = internalName(origin.relativize(f).toString().replace('\\', '/'));
                        if (names.test(name)) {
                            models.add(ClassFile.of().parse(Files.readAllBytes(f)));
                        }
                    }
                }
            } else {
                try (JarFile jar = new JarFile(origin.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        JarEntry entry = e.nextElement();
                        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")
                                && names.test(internalName(entry.getName()))) {
                            try (var in = jar.getInputStream(entry)) {
                                models.add(ClassFile.of().parse(in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return models;
    }

    /** The binary name (a.b.C$D) of a parsed class. */
    static String binaryName(ClassModel model) {
        return model.thisClass().asInternalName().replace('/', '.');
    }

    private static String internalName(String path) {
        return path.substring(0, path.length() - ".class".length());
    }
}
