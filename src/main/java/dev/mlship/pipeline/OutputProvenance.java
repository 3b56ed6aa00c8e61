package dev.mlship.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mlship.config.ConfigException;
import dev.mlship.config.DataSpec;
import dev.mlship.config.Settings;
import dev.mlship.data.DataException;
import dev.mlship.data.DataFiles;
import dev.mlship.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Whether an output folder was written by a run of this config: the model card's name, task, label,
 * features and data fingerprint must be the config's. Packaging another pipeline's outputs would publish
 * its model under this config's name and tags.
 */
public final class OutputProvenance {
    private OutputProvenance() {}

    /**
     * Throws a {@link ConfigException} naming the first thing that differs.
     *
     * @param card the folder's model-card.json
     * @param outDir the folder, for the message
     */
    public static void check(Settings settings, byte[] card, Path outDir) {
        List<String> differences = differences(settings, read(card));
        if (!differences.isEmpty()) {
            throw new ConfigException(outDir.resolve("model-card.json") + " is not from a run of " + settings.configFile()
                    + ": " + differences.getFirst()
                    + "; pass the --out folder of a run of this config (or --force to package it anyway)");
        }
    }

    static List<String> differences(Settings settings, JsonNode card) {
        List<String> out = new ArrayList<>();
        DataSpec data = settings.spec().data();
        String name = settings.spec().name();
        String cardName = card.path("name").asText(null);
        if (!name.equals(cardName)) {
            out.add("its name is '" + cardName + "', the config's is '" + name + "'");
        }
        String task = settings.spec().model().task().id();
        String cardTask = card.at("/model/task").asText(null);
        if (cardTask != null && !task.equals(cardTask)) {
            out.add("its task is " + cardTask + ", the config's is " + task);
        }
        String cardLabel = card.at("/data/label").asText(null);
        if (cardLabel != null && !data.label().equals(cardLabel)) {
            out.add("its label is '" + cardLabel + "', the config's data.label is '" + data.label() + "'");
        }
        JsonNode cardFeatures = card.at("/data/features");
        if (data.features() != null && cardFeatures.isArray()) {
            LinkedHashSet<String> had = new LinkedHashSet<>();
            cardFeatures.forEach(f -> had.add(f.asText()));
            if (!had.equals(new LinkedHashSet<>(data.features()))) {
                out.add("its features are " + had + ", the config's data.features are " + data.features());
            }
        }
        String cardSha = card.at("/data/sha256").asText(null);
        Path file = settings.dataPath();
        // Without the data (a packaging job that did not check it out) the fingerprint cannot be compared.
        String sha = cardSha == null ? null : fingerprint(file);
        if (sha != null) {
            if (!sha.equals(cardSha)) {
                out.add("it was trained on data with sha256 " + cardSha.substring(0, 12) + ", " + file + " now has "
                        + sha.substring(0, 12));
            }
        }
        return out;
    }

    private static JsonNode read(byte[] card) {
        try {
            return Json.mapper().readTree(card);
        } catch (IOException e) {
            throw new ConfigException("model-card.json cannot be read as JSON: " + e.getMessage(), e);
        }
    }

    /** The data's fingerprint as a run computes it, or null when the data is not there. */
    private static String fingerprint(Path data) {
        try {
            return DataFiles.of(data).sha256();
        } catch (DataException e) {
            return null;
        }
    }
}
