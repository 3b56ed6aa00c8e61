package dev.mlship.bench;

import dev.mlship.config.PackageSpec;
import dev.mlship.image.BuiltImage;
import dev.mlship.image.ImageContent;
import dev.mlship.image.ImageLabels;
import dev.mlship.image.ImageTarget;
import dev.mlship.image.LocalRegistry;
import dev.mlship.image.ModelImageBuilder;
import dev.mlship.image.Registries;
import dev.mlship.image.TagMover;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: prints what a second push that changes only the model uploads, and how long promotion
 * takes for a small and a large image. Run with {@code ./mvnw -Pbench test -Dtest=RegistryFigures}.
 */
class RegistryFigures {
    private static final Pattern UPLOAD = Pattern.compile("http.request.method=(PUT|PATCH).*?http.request.uri=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void figures() throws Exception {
        try (LocalRegistry registry = LocalRegistry.start(Files.createDirectories(dir.resolve("r")), false, "info")) {
            Path log = dir.resolve("r/registry.log");
            ModelImageBuilder builder = new ModelImageBuilder(Map.of(), dir.resolve("cache"), s -> {});
            String repo = registry.host() + "/bench/model";

            // A large "base": 64 MiB of incompressible bytes in a layer, pushed once.
            byte[] big = new byte[64 << 20];
            new Random(1).nextBytes(big);
            builder.build(new ImageContent("base", big, "{}".getBytes(), Map.of(), null),
                    new ImageTarget.Registry(registry.host() + "/bench/base", List.of("1"), false));

            byte[] model = new byte[2 << 20];
            new Random(2).nextBytes(model);
            for (String base : new String[] {null, registry.host() + "/bench/base:1"}) {
                String kind = base == null ? "model-only image" : "image on a 64 MiB base";
                String r = base == null ? repo : repo + "-based";
                push(builder, r, "sha-1", model, base);
                long before = Files.size(log);
                model[0]++;
                long start = System.nanoTime();
                push(builder, r, "sha-2", model, base);
                long ms = (System.nanoTime() - start) / 1_000_000;
                Thread.sleep(500); // the registry writes its access log lines a little after answering
                String uploads = Files.readString(log).substring((int) before);
                System.out.printf("%s: second push with a changed 2 MiB model took %d ms; uploads: %s%n", kind, ms,
                        describe(uploads));

                TagMover mover = Registries.tagMover(new PackageSpec(r, null, null, null), Map.of(), s -> {});
                mover.promote("sha-1", "production", false);
                long t = System.nanoTime();
                int rounds = 20;
                for (int i = 0; i < rounds; i++) {
                    mover.promote(i % 2 == 0 ? "sha-2" : "sha-1", "production", false);
                }
                System.out.printf("%s: promotion takes %.1f ms (mean of %d)%n", kind, (System.nanoTime() - t) / 1e6 / rounds, rounds);
            }
        }
    }

    private static void push(ModelImageBuilder builder, String repo, String tag, byte[] model, String base) {
        BuiltImage ignored = builder.build(new ImageContent("m", model, "{}".getBytes(), Map.of(ImageLabels.GATES, "passed"), base),
                new ImageTarget.Registry(repo, List.of(tag), false));
    }

    private static String describe(String log) {
        StringBuilder sb = new StringBuilder();
        Matcher m = UPLOAD.matcher(log);
        while (m.find()) {
            String uri = m.group(2);
            String what = uri.contains("/manifests/") ? "manifest" : uri.contains("/blobs/uploads/") ? "blob" : uri;
            sb.append(sb.isEmpty() ? "" : ", ").append(m.group(1)).append(' ').append(what);
        }
        Matcher len = Pattern.compile("http.request.contentlength=(\\d+)").matcher(log);
        long bytes = 0;
        while (len.find()) {
            bytes += Long.parseLong(len.group(1));
        }
        Matcher blobs = Pattern.compile("level=info msg=\"response completed\".*?http.request.method=PATCH.*").matcher(log);
        int patches = 0;
        while (blobs.find()) {
            patches++;
        }
        return sb + " (" + patches + " blob bodies, " + bytes + " bytes with a declared length)";
    }
}
