package io.berth.registry.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.RegistryEvent.ScannedPackage;
import io.berth.registry.TestImages;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packages of an image, from its layers' package databases, layers applied in order. */
class PackageInventoryTest {

    static final String DPKG = """
            Package: base-files
            Status: install ok installed
            Architecture: amd64
            Version: 12.4+deb12u5
            Description: Debian base system
             miscellaneous files

            Package: removed-one
            Status: deinstall ok config-files
            Version: 1.0

            Package: libc6
            Status: install ok installed
            Architecture: amd64
            Version: 2.36-9+deb12u4
            """;

    static PackageInventory.Result inventory(Map<String, byte[]> layers) {
        return PackageInventory.of(List.copyOf(layers.keySet()),
                digest -> new ByteArrayInputStream(layers.get(digest)));
    }

    static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    @Test
    void dpkgListsTheInstalledPackagesOfItsStatusFile() {
        Map<String, byte[]> layers = new LinkedHashMap<>();
        layers.put("sha256:l1", TestImages.gzip(TestImages.tar(files("./var/lib/dpkg/status", DPKG, "./etc/os", "x"))));
        PackageInventory.Result result = inventory(layers);
        assertThat(result.packages()).containsExactly(
                new ScannedPackage("base-files", "12.4+deb12u5", "DPKG", "amd64", "sha256:l1"),
                new ScannedPackage("libc6", "2.36-9+deb12u4", "DPKG", "amd64", "sha256:l1"));
        assertThat(result.layersRead()).isEqualTo(1);
    }

    @Test
    void aLaterLayerReplacesADatabaseAndAWhiteoutRemovesIt() {
        Map<String, byte[]> layers = new LinkedHashMap<>();
        layers.put("sha256:base", TestImages.tar(files("lib/apk/db/installed", "P:musl\nV:1.2.4\nA:x86_64\n",
                "var/lib/dpkg/status", DPKG)));
        layers.put("sha256:upgrade", TestImages.gzip(TestImages.tar(files("lib/apk/db/installed",
                "P:musl\nV:1.2.5\nA:x86_64\n\nP:curl\nV:8.5.0\nA:x86_64\n"))));
        layers.put("sha256:slim", TestImages.gzip(TestImages.tar(files("var/lib/dpkg/.wh.status", ""))));
        assertThat(inventory(layers).packages()).containsExactly(
                new ScannedPackage("musl", "1.2.5", "APK", "x86_64", "sha256:upgrade"),
                new ScannedPackage("curl", "8.5.0", "APK", "x86_64", "sha256:upgrade"));
    }

    @Test
    void distrolessStatusFilesAreReadToo() {
        Map<String, byte[]> layers = new LinkedHashMap<>();
        layers.put("sha256:d", TestImages.tar(files("var/lib/dpkg/status.d/tzdata",
                "Package: tzdata\nVersion: 2024a\nArchitecture: all\n")));
        assertThat(inventory(layers).packages()).extracting(ScannedPackage::name).containsExactly("tzdata");
    }

    @Test
    void aLayerThatIsNotATarIsNamedAndTheOthersStillRead() {
        Map<String, byte[]> layers = new LinkedHashMap<>();
        layers.put("sha256:junk", "this is not a tar stream, and far too short for one".getBytes());
        layers.put("sha256:ok", TestImages.tar(files("lib/apk/db/installed", "P:zlib\nV:1.3\nA:x86_64\n")));
        PackageInventory.Result result = inventory(layers);
        assertThat(result.unreadable()).containsExactly("sha256:junk");
        assertThat(result.packages()).extracting(ScannedPackage::name).containsExactly("zlib");
    }
}
