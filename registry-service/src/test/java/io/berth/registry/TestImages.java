package io.berth.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Small real images for tests: gzipped tar layers, an OCI config and the manifest that names them. */
public final class TestImages {

    private TestImages() {
    }

    /** A blob and its digest. */
    public record Blob(String digest, byte[] content) {
        public static Blob of(byte[] content) {
            return new Blob(TestImages.digest(content), content);
        }
    }

    /** An image: its config, its layers and its manifest. */
    public record Image(Blob config, Blob[] layers, byte[] manifest, String digest) {
    }

    public static Image image(String marker, Map<String, String> files) {
        Blob layer = Blob.of(gzip(tar(files)));
        Blob config = Blob.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"MARKER=" + marker
                + "\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + digest(tar(files)) + "\"]}}")
                .getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                + config.digest() + "\",\"size\":" + config.content().length + "},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + layer.digest() + "\",\"size\":"
                + layer.content().length + "}]}";
        byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
        return new Image(config, new Blob[] {layer}, bytes, digest(bytes));
    }

    /** An image whose only layer holds an apk database listing two packages. */
    public static Image alpineLike(String marker) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("./lib/apk/db/installed", "C:Q1abc=\nP:musl\nV:1.2.5-r0\nA:x86_64\n\nC:Q1def=\nP:busybox\n"
                + "V:1.36.1-r29\nA:x86_64\n\n");
        files.put("./etc/marker", marker);
        return image(marker, files);
    }

    public static String digest(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A ustar archive of regular files. */
    public static byte[] tar(Map<String, String> files) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.forEach((name, text) -> {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            put(header, 0, name);
            put(header, 100, "0000644");
            put(header, 108, "0000000");
            put(header, 116, "0000000");
            put(header, 124, String.format("%011o", content.length));
            put(header, 136, "00000000000");
            header[156] = '0';
            put(header, 257, "ustar");
            put(header, 263, "00");
            java.util.Arrays.fill(header, 148, 156, (byte) ' ');
            int sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            put(header, 148, String.format("%06o", sum));
            header[154] = 0;
            out.writeBytes(header);
            out.writeBytes(content);
            out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        });
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
