package dev.mlship.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An image's layers unpacked in order into a folder, the way a container runtime makes its root file
 * system: each layer's whiteouts first remove what lower layers put there ({@code .wh.NAME} removes
 * NAME, {@code .wh..wh..opq} empties its folder), then its files are extracted with their owners, modes
 * and links (GNU tar, as root). Programs run in it with chroot, with /proc and /dev bound in; closing
 * unmounts them and removes the folder. Needs root.
 */
final class RootFileSystem implements AutoCloseable {
    static final String WHITEOUT = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    final Path root;
    private final List<Path> mounts = new ArrayList<>();

    private RootFileSystem(Path root) {
        this.root = root;
    }

    /** Unpacks the gzipped layer tars, lowest first, into {@code root} (created, must not exist). */
    static RootFileSystem unpack(List<Path> layers, Path root) throws IOException, InterruptedException {
        Files.createDirectories(root);
        for (Path layer : layers) {
            applyWhiteouts(layer, root);
            exec(List.of("tar", "-xzf", layer.toString(), "-C", root.toString(), "--numeric-owner",
                    "--same-owner", "--same-permissions", "--warning=no-unknown-keyword", "--wildcards", "--exclude=.wh.*", "--exclude=*/.wh.*"));
        }
        return new RootFileSystem(root);
    }

    static void applyWhiteouts(Path layer, Path root) throws IOException, InterruptedException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new GzipCompressorInputStream(Files.newInputStream(layer)))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path path = Path.of(e.getName());
                Path name = path.getFileName();
                if (name == null || !name.toString().startsWith(WHITEOUT)) {
                    continue;
                }
                Path parent = path.getParent() == null ? root : root.resolve(path.getParent().toString()).normalize();
                if (!parent.startsWith(root)) {
                    throw new IOException("whiteout outside the root: " + e.getName());
                }
                if (name.toString().equals(OPAQUE)) {
                    if (Files.isDirectory(parent)) {
                        try (var children = Files.list(parent)) {
                            for (Path child : children.toList()) {
                                exec(List.of("rm", "-rf", "--one-file-system", child.toString()));
                            }
                        }
                    }
                } else {
                    Path hidden = parent.resolve(name.toString().substring(WHITEOUT.length()));
                    exec(List.of("rm", "-rf", "--one-file-system", hidden.toString()));
                }
            }
        }
    }

    /** Binds the host's /proc and /dev into the root, as a runtime provides them. */
    RootFileSystem withProcAndDev() throws IOException, InterruptedException {
        for (String fs : List.of("proc", "dev")) {
            Path at = Files.createDirectories(root.resolve(fs));
            exec(List.of("mount", "--bind", "/" + fs, at.toString()));
            mounts.add(at);
        }
        return this;
    }

    Path path(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /**
     * The process a runtime would start: chroot into the root, only {@code env} in the environment,
     * {@code workdir} as the working folder (coreutils' env does the chdir inside the root).
     */
    ProcessBuilder command(String workdir, Map<String, String> env, List<String> argv) {
        List<String> command = new ArrayList<>(List.of("chroot", root.toString(), "/usr/bin/env", "-i", "-C", workdir));
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(argv);
        return new ProcessBuilder(command);
    }

    static void exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        IOException failure = null;
        for (Path at : mounts.reversed()) {
            try {
                exec(List.of("umount", at.toString()));
            } catch (IOException e) {
                failure = e;
            }
        }
        mounts.clear();
        if (failure != null) {
            // never delete through a mount that is still bound: that would remove the host's /dev
            throw failure;
        }
        exec(List.of("rm", "-rf", "--one-file-system", root.toString()));
    }
}
