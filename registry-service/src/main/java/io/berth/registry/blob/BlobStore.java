package io.berth.registry.blob;

import io.berth.eventstore.AdvisoryLock;
import io.berth.registry.infra.RegistryConfig;
import io.berth.registry.infra.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Blobs on disk by digest, shared by every repository and account, and the index of which
 * repositories may serve each. An upload streams to a file of its own and is hashed as it arrives;
 * when it completes with the right digest it is moved into place, or dropped if the blob is there
 * already. Index changes hold a shared lock that {@link BlobCollector} takes exclusively while it
 * removes content, so a blob is never removed under a push that has just linked it.
 */
@ApplicationScoped
public class BlobStore {

    /** The advisory lock shared by writers of the index and held exclusively by the collector. */
    static final AdvisoryLock INDEX_LOCK = new AdvisoryLock("berth.registry.index");
    private static final Pattern DIGEST = Pattern.compile("sha256:([a-f0-9]{64})");
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/.*)?");

    private final Sql sql;
    private final DataSource dataSource;
    private final Path blobs;
    private final Path uploads;
    /** Running hashes of the uploads this instance received every byte of, by upload id. */
    private final Map<UUID, Hashing> hashing = new ConcurrentHashMap<>();

    /** An upload in progress: its repository and how many bytes it has. */
    public record Upload(UUID id, String repositoryArn, long size) {
    }

    private record Hashing(MessageDigest digest, long offset) {
    }

    public BlobStore(Sql sql, DataSource dataSource, RegistryConfig config) {
        this.sql = sql;
        this.dataSource = dataSource;
        this.blobs = config.data().resolve("blobs");
        this.uploads = config.data().resolve("uploads");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(uploads);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the registry's data directory " + config.data(), e);
        }
    }

    public static boolean isDigest(String digest) {
        return digest != null && DIGEST.matcher(digest).matches();
    }

    /** Where a blob's content is, whether or not it is there. */
    public Path path(String digest) {
        Matcher matcher = DIGEST.matcher(digest);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a sha256 digest: " + digest);
        }
        String hex = matcher.group(1);
        return blobs.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex);
    }

    /** The size of a blob the repository may serve. */
    public Optional<Long> size(String repositoryArn, String digest) {
        return sql.one("select b.size from registry_repository_blob l join registry_blob b on b.digest = l.digest"
                + " where l.repository_arn = ? and l.digest = ?", rs -> rs.getLong(1), repositoryArn, digest);
    }

    /** The digests of {@code digests} the repository may not serve. */
    public List<String> missing(String repositoryArn, List<String> digests) {
        return digests.stream().distinct().filter(digest -> size(repositoryArn, digest).isEmpty()).toList();
    }

    /**
     * Keeps a blob the repository serves from being collected for the grace period: a client that
     * saw it exist is about to push a manifest naming it.
     */
    public void touch(String repositoryArn, String digest) {
        sql.update("update registry_repository_blob set linked_at = now() where repository_arn = ? and digest = ?"
                + " and linked_at < now() - interval '1 minute'", repositoryArn, digest);
    }

    /** Makes a blob of one repository servable by another of the same registry (a cross-repository mount). */
    public boolean mount(String fromRepositoryArn, String toRepositoryArn, String digest) {
        return QuarkusTransaction.requiringNew().call(() -> {
            lockShared();
            if (size(fromRepositoryArn, digest).isEmpty()) {
                return false;
            }
            link(toRepositoryArn, digest);
            return true;
        });
    }

    /** Stores content the service has in hand (a manifest) and links it; returns its digest. */
    public String put(String repositoryArn, byte[] content) {
        String digest = io.berth.registry.manifest.ImageManifests.digestOf(content);
        QuarkusTransaction.requiringNew().run(() -> {
            lockShared();
            Path target = path(digest);
            if (!Files.exists(target)) {
                try {
                    Path temporary = uploads.resolve(UUID.randomUUID().toString());
                    Files.write(temporary, content);
                    place(temporary, target);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            index(repositoryArn, digest, content.length);
        });
        return digest;
    }

    public Upload start(String repositoryArn) {
        UUID id = UUID.randomUUID();
        try {
            Files.createFile(uploads.resolve(id.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sql.update("insert into registry_upload (upload_id, repository_arn) values (?, ?)", id, repositoryArn);
        hashing.put(id, new Hashing(sha256(), 0));
        return new Upload(id, repositoryArn, 0);
    }

    /** An upload of the repository, or BLOB_UPLOAD_UNKNOWN. */
    public Upload upload(String repositoryArn, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknownUpload(id);
        }
        return sql.one("select size from registry_upload where upload_id = ? and repository_arn = ?",
                rs -> new Upload(uuid, repositoryArn, rs.getLong(1)), uuid, repositoryArn)
                .orElseThrow(() -> unknownUpload(id));
    }

    /**
     * Appends a chunk at the end of the upload. {@code contentRange} ({@code <first>-<last>}), when
     * given, must start where the upload ends; without it the chunk is a stream appended as it comes.
     */
    public Upload append(Upload upload, String contentRange, InputStream data) {
        if (contentRange != null && !contentRange.isBlank()) {
            Matcher range = CONTENT_RANGE.matcher(contentRange.trim());
            if (!range.matches() || Long.parseLong(range.group(1)) != upload.size()) {
                throw new BlobException("BLOB_UPLOAD_INVALID", 416, "The chunk must start at byte " + upload.size()
                        + " of the upload, not " + contentRange.trim() + ".", upload.size());
            }
        }
        long size = write(upload, data);
        sql.update("update registry_upload set size = ?, updated_at = now() where upload_id = ?", size, upload.id());
        return new Upload(upload.id(), upload.repositoryArn(), size);
    }

    /**
     * Finishes an upload with its last chunk (maybe empty): the content must hash to {@code digest},
     * or the upload is dropped and the client told DIGEST_INVALID.
     */
    public long complete(Upload upload, String digest, InputStream lastChunk) {
        if (!isDigest(digest)) {
            throw new BlobException("DIGEST_INVALID", 400, "The digest '" + digest + "' is not sha256:<64 lower-case"
                    + " hex digits>.");
        }
        long size = lastChunk == null ? upload.size() : write(upload, lastChunk);
        Path file = uploads.resolve(upload.id().toString());
        String actual = digestOf(upload.id(), file, size);
        if (!actual.equals(digest)) {
            cancel(upload);
            throw new BlobException("DIGEST_INVALID", 400, "The content's digest is " + actual + ", not " + digest
                    + ".");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            lockShared();
            try {
                Path target = path(digest);
                if (Files.exists(target)) {
                    Files.delete(file);
                } else {
                    place(file, target);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            index(upload.repositoryArn(), digest, size);
            sql.update("delete from registry_upload where upload_id = ?", upload.id());
        });
        hashing.remove(upload.id());
        return size;
    }

    public void cancel(Upload upload) {
        sql.update("delete from registry_upload where upload_id = ?", upload.id());
        hashing.remove(upload.id());
        try {
            Files.deleteIfExists(uploads.resolve(upload.id().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the data of an upload the collector expired. */
    void forget(UUID id) throws IOException {
        hashing.remove(id);
        Files.deleteIfExists(uploads.resolve(id.toString()));
    }

    private long write(Upload upload, InputStream data) {
        Path file = uploads.resolve(upload.id().toString());
        Hashing running = hashing.get(upload.id());
        MessageDigest digest = running != null && running.offset() == upload.size() ? running.digest() : null;
        long size = upload.size();
        byte[] buffer = new byte[256 * 1024];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.position(upload.size());
            int read;
            while ((read = data.read(buffer)) > 0) {
                if (digest != null) {
                    digest.update(buffer, 0, read);
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
                size += read;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw unknownUpload(upload.id().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (digest != null) {
            hashing.put(upload.id(), new Hashing(digest, size));
        } else {
            // Bytes arrived at another instance, or before a restart: the digest is computed from the file.
            hashing.remove(upload.id());
        }
        return size;
    }

    private String digestOf(UUID id, Path file, long size) {
        Hashing running = hashing.get(id);
        if (running != null && running.offset() == size) {
            return "sha256:" + HexFormat.of().formatHex(running.digest().digest());
        }
        MessageDigest digest = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[256 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private void index(String repositoryArn, String digest, long size) {
        sql.update("insert into registry_blob (digest, size) values (?, ?) on conflict (digest) do nothing", digest,
                size);
        link(repositoryArn, digest);
    }

    private void link(String repositoryArn, String digest) {
        sql.update("insert into registry_repository_blob (repository_arn, digest) values (?, ?)"
                + " on conflict (repository_arn, digest) do update set linked_at = now()", repositoryArn, digest);
    }

    private void lockShared() {
        try (Connection connection = dataSource.getConnection()) {
            INDEX_LOCK.shareForTransaction(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Taking the blob index lock failed: " + e.getMessage(), e);
        }
    }

    private static void place(Path file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static BlobException unknownUpload(String id) {
        return new BlobException("BLOB_UPLOAD_UNKNOWN", 404, "There is no upload " + id + " in this repository.");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
