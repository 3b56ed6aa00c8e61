import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Assembles mlship's JVM image with Jib Core from what the other scripts in this folder staged, and
 * writes it as an OCI image layout tar. No Docker daemon and no registry are involved. Run by
 * {@code src/image/build-jvm-image} with the application's own libraries (Jib Core is one of them):
 *
 * <pre>java -cp 'target/quarkus-app/lib/main/*' src/image/JvmImageBuild.java STAGE OUT.tar VERSION REVISION SOURCE src/image/runtime.env</pre>
 *
 * STAGE holds base-rootfs.tar, runtime/, native/, app/, bin/mlship and aot/mlship.aot. Layers go from
 * the one that changes least (Debian) to the one that changes with every commit, so a code change
 * re-uploads only the top layers.
 */
public final class JvmImageBuild {
    /** Every time written into the image; a build at another moment gives the same bytes. */
    static final Instant EPOCH = Instant.ofEpochSecond(0);
    static final AbsoluteUnixPath JAVA_HOME = AbsoluteUnixPath.get("/opt/java");
    static final AbsoluteUnixPath APP = AbsoluteUnixPath.get("/opt/mlship/app");
    static final AbsoluteUnixPath NATIVE = AbsoluteUnixPath.get("/usr/lib/mlship");

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: JvmImageBuild STAGE OUT.tar VERSION REVISION SOURCE RUNTIME_ENV");
            System.exit(2);
        }
        Path stage = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String version = args[2];
        String revision = args[3];
        String source = args[4];

        Path baseImage = stage.resolve("base-image.tar");
        DockerArchive.wrap(stage.resolve("base-rootfs.tar"), baseImage);

        JibContainerBuilder image = Jib.from(TarImage.at(baseImage).named("mlship-base"))
                .setFormat(ImageFormat.OCI)
                .setCreationTime(EPOCH)
                .addFileEntriesLayer(tree("java-runtime", stage.resolve("runtime"), JAVA_HOME))
                .addFileEntriesLayer(tree("native-libraries", stage.resolve("native"), NATIVE))
                .addFileEntriesLayer(dependencies(stage.resolve("app")))
                .addFileEntriesLayer(application(stage))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("aot-cache")
                        .addEntry(stage.resolve("aot/mlship.aot"), AbsoluteUnixPath.get("/opt/mlship/mlship.aot"),
                                FilePermissions.fromOctalString("644"))
                        .build())
                .setEnvironment(environment(Path.of(args[5])))
                .setEntrypoint("mlship")
                .setProgramArguments(List.of())
                // root on purpose: GitHub runs Docker actions as root, and only root may write the
                // workspace it mounts.
                .setUser("0:0")
                .setLabels(labels(version, revision, source));

        Path cache = stage.resolve("jib-cache");
        JibContainer built = image.containerize(Containerizer.to(TarImage.at(out).named("mlship:" + version))
                .setBaseImageLayersCache(cache.resolve("base"))
                .setApplicationLayersCache(cache.resolve("application"))
                // The tool's name and version are written into the image: pinned so they never
                // change the digest.
                .setToolName("mlship-image-build")
                .setToolVersion("1"));
        Files.writeString(stage.resolve("digest.txt"), built.getDigest() + "\n");
        System.out.println(out + " " + built.getDigest());
    }

    /**
     * The image's environment, from runtime.env beside this file (the AOT recording runs with the same
     * one). MLSHIP_NATIVE_LIB_DIR makes ONNX Runtime and XGBoost load their libraries from disk instead
     * of copying them out of their jars on every start.
     */
    static Map<String, String> environment(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }

    static Map<String, String> labels(String version, String revision, String source) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "mlship");
        labels.put("org.opencontainers.image.description",
                "Trains, evaluates and ships a tabular ML model in CI (JVM mode, AOT cache)");
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.revision", revision);
        labels.put("org.opencontainers.image.source", source);
        labels.put("org.opencontainers.image.licenses", "GPL-3.0-or-later");
        // Not org.opencontainers.image.base.name, which must be an image reference: the base is no image.
        labels.put("dev.mlship.image.base", "Debian packages (mmdebstrap, src/image/debian-base.env)");
        return labels;
    }

    /** A folder copied whole, keeping each file's permission bits (the runtime's executables). */
    static FileEntriesLayer tree(String name, Path dir, AbsoluteUnixPath into) throws IOException {
        return FileEntriesLayer.builder().setName(name)
                .addEntryRecursive(dir, into, (file, target) -> permissions(file))
                .build();
    }

    /** The third-party jars: they change when a dependency does, not with mlship's own code. */
    static FileEntriesLayer dependencies(Path app) throws IOException {
        return FileEntriesLayer.builder().setName("dependencies")
                .addEntryRecursive(app.resolve("lib"), APP.resolve("lib"), (file, target) -> permissions(file))
                .build();
    }

    /** mlship's own classes, Quarkus's generated ones and the launcher: the layer a commit changes. */
    static FileEntriesLayer application(Path stage) throws IOException {
        Path app = stage.resolve("app");
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("application")
                .addEntry(app.resolve("quarkus-run.jar"), APP.resolve("quarkus-run.jar"), FilePermissions.fromOctalString("644"))
                .addEntryRecursive(app.resolve("app"), APP.resolve("app"), (file, target) -> permissions(file))
                .addEntryRecursive(app.resolve("quarkus"), APP.resolve("quarkus"), (file, target) -> permissions(file))
                .addEntry(stage.resolve("bin/mlship"), AbsoluteUnixPath.get("/usr/local/bin/mlship"),
                        FilePermissions.fromOctalString("755"));
        return layer.build();
    }

    static FilePermissions permissions(Path file) {
        try {
            return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Jib reads a local base image in the form {@code docker save} writes: manifest.json, the image
     * configuration and the layer tars. This wraps the root file system tar from mmdebstrap so.
     */
    static final class DockerArchive {
        private DockerArchive() {}

        static void wrap(Path rootfs, Path archive) throws IOException, NoSuchAlgorithmException {
            String diffId = "sha256:" + sha256(rootfs);
            String config = """
                    {"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",\
                    "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/sh"]},\
                    "rootfs":{"type":"layers","diff_ids":["%s"]},\
                    "history":[{"created":"1970-01-01T00:00:00Z","created_by":"mmdebstrap (src/image/build-base)"}]}"""
                    .formatted(diffId);
            String manifest = """
                    [{"Config":"config.json","RepoTags":["mlship-base:latest"],"Layers":["rootfs.tar"]}]""";
            try (OutputStream file = Files.newOutputStream(archive);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                add(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
                add(tar, "config.json", config.getBytes(StandardCharsets.UTF_8));
                TarArchiveEntry layer = new TarArchiveEntry("rootfs.tar");
                layer.setSize(Files.size(rootfs));
                layer.setModTime(0);
                tar.putArchiveEntry(layer);
                Files.copy(rootfs, tar);
                tar.closeArchiveEntry();
            }
        }

        private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setModTime(0);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }

        private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
