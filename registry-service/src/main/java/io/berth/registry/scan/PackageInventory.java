package io.berth.registry.scan;

import io.berth.events.RegistryEvent.ScannedPackage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The packages an image's layers install, from the package managers' own databases: dpkg's
 * {@code var/lib/dpkg/status} (and the {@code status.d/} files of distroless images) and apk's
 * {@code lib/apk/db/installed}. Layers apply in order: a later layer's database replaces an earlier
 * one's, and a whiteout removes it.
 */
public final class PackageInventory {

    static final String DPKG_STATUS = "var/lib/dpkg/status";
    static final String DPKG_STATUS_DIR = "var/lib/dpkg/status.d/";
    static final String APK_INSTALLED = "lib/apk/db/installed";

    /** A package database file as the layers leave it, and the layer it came from. */
    private record Database(byte[] content, String layer) {
    }

    /** What the layers list, and what could not be read. */
    public record Result(List<ScannedPackage> packages, int layersRead, List<String> unreadable) {

        public long count(String manager) {
            return packages.stream().filter(p -> p.packageManager().equals(manager)).count();
        }
    }

    /** One layer's content, by its digest. */
    public interface Layers {
        InputStream open(String digest) throws IOException;
    }

    private PackageInventory() {
    }

    public static Result of(List<String> layerDigests, Layers layers) {
        Map<String, Database> databases = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        int read = 0;
        for (String layer : layerDigests) {
            try (InputStream in = tarOf(layers.open(layer))) {
                TarEntries.read(in, new TarEntries.Visitor() {
                    @Override
                    public boolean wanted(String path) {
                        return isDatabase(path) || isWhiteout(path);
                    }

                    @Override
                    public void file(String path, byte[] content) {
                        String whitedOut = whitedOut(path);
                        if (whitedOut == null) {
                            databases.put(path, new Database(content, layer));
                        } else {
                            databases.keySet().removeIf(known -> known.equals(whitedOut)
                                    || known.startsWith(whitedOut.endsWith("/") ? whitedOut : whitedOut + "/"));
                        }
                    }
                });
                read++;
            } catch (IOException | RuntimeException e) {
                unreadable.add(layer);
            }
        }
        List<ScannedPackage> packages = new ArrayList<>();
        databases.forEach((path, database) -> {
            String text = new String(database.content(), StandardCharsets.UTF_8);
            if (path.equals(APK_INSTALLED)) {
                packages.addAll(apk(text, database.layer()));
            } else {
                packages.addAll(dpkg(text, database.layer()));
            }
        });
        return new Result(packages, read, unreadable);
    }

    /** A layer as pushed: gzip-compressed (the usual) or a plain tar. */
    private static InputStream tarOf(InputStream layer) throws IOException {
        BufferedInputStream in = new BufferedInputStream(layer, 64 * 1024);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 64 * 1024)) : in;
    }

    private static boolean isDatabase(String path) {
        return path.equals(DPKG_STATUS) || path.equals(APK_INSTALLED)
                || path.startsWith(DPKG_STATUS_DIR) && path.length() > DPKG_STATUS_DIR.length();
    }

    /**
     * What a whiteout file removes from the layers below ({@code .wh.<name>} removes {@code <name>},
     * {@code .wh..wh..opq} everything in its directory, given with a trailing {@code /}); null
     * for any other file.
     */
    static String whitedOut(String path) {
        String parent = path.substring(0, path.lastIndexOf('/') + 1);
        String name = path.substring(parent.length());
        if (name.equals(".wh..wh..opq")) {
            return parent;
        }
        return name.startsWith(".wh.") ? parent + name.substring(".wh.".length()) : null;
    }

    /** A whiteout that removes a package database or a directory holding one. */
    private static boolean isWhiteout(String path) {
        String removed = whitedOut(path);
        return removed != null && (isDatabase(removed) || DPKG_STATUS.startsWith(removed)
                || DPKG_STATUS_DIR.startsWith(removed) || APK_INSTALLED.startsWith(removed));
    }

    /** dpkg's status: paragraphs of {@code Field: value}; only packages whose status says installed. */
    static List<ScannedPackage> dpkg(String text, String layer) {
        List<ScannedPackage> packages = new ArrayList<>();
        for (Map<String, String> paragraph : paragraphs(text, ':')) {
            String status = paragraph.getOrDefault("Status", "install ok installed");
            if (paragraph.containsKey("Package") && status.endsWith(" installed")) {
                packages.add(new ScannedPackage(paragraph.get("Package"), paragraph.get("Version"), "DPKG",
                        paragraph.get("Architecture"), layer));
            }
        }
        return packages;
    }

    /** apk's installed database: paragraphs of {@code K:value}, P the name, V the version, A the architecture. */
    static List<ScannedPackage> apk(String text, String layer) {
        List<ScannedPackage> packages = new ArrayList<>();
        for (Map<String, String> paragraph : paragraphs(text, ':')) {
            if (paragraph.containsKey("P")) {
                packages.add(new ScannedPackage(paragraph.get("P"), paragraph.get("V"), "APK", paragraph.get("A"),
                        layer));
            }
        }
        return packages;
    }

    private static List<Map<String, String>> paragraphs(String text, char separator) {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new LinkedHashMap<>();
                }
                continue;
            }
            int at = line.indexOf(separator);
            if (at > 0 && !Character.isWhitespace(line.charAt(0))) {
                current.put(line.substring(0, at).trim(), line.substring(at + 1).trim());
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }
}
