package dev.roster.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An image as an OCI archive (what {@code buildah push oci-archive:} writes): its manifest, its configuration and
 * its layers, read without a container runtime.
 */
record OciArchive(JsonNode manifest, JsonNode config, List<Layer> layers) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A layer: its compressed size and the paths of the files it holds. */
    record Layer(long size, List<String> paths) {
    }

    static OciArchive read(Path archive) {
        Map<String, byte[]> blobs = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    blobs.put(entry.getName().replaceFirst("^\\./", ""), tar.readAllBytes());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        JsonNode index = JSON.readTree(blobs.get("index.json"));
        JsonNode manifest = JSON.readTree(blob(blobs, index.get("manifests").get(0).get("digest").asString()));
        JsonNode config = JSON.readTree(blob(blobs, manifest.get("config").get("digest").asString()));
        List<Layer> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            byte[] content = blob(blobs, layer.get("digest").asString());
            layers.add(new Layer(content.length, paths(content, layer.get("mediaType").asString())));
        }
        return new OciArchive(manifest, config, List.copyOf(layers));
    }

    private static byte[] blob(Map<String, byte[]> blobs, String digest) {
        byte[] blob = blobs.get("blobs/" + digest.replace(':', '/'));
        if (blob == null) {
            throw new IllegalStateException("the archive lacks " + digest);
        }
        return blob;
    }

    private static List<String> paths(byte[] layer, String mediaType) {
        List<String> paths = new ArrayList<>();
        try (InputStream raw = new java.io.ByteArrayInputStream(layer);
                InputStream content = mediaType.endsWith("gzip") ? new GzipCompressorInputStream(raw) : raw;
                TarArchiveInputStream tar = new TarArchiveInputStream(content)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                paths.add(entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", ""));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return paths;
    }
}
