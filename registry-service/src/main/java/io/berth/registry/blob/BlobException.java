package io.berth.registry.blob;

/** An upload or blob request the registry refuses, with the OCI error code and HTTP status it answers. */
public class BlobException extends RuntimeException {

    private final String code;
    private final int status;
    private final long range;

    public BlobException(String code, int status, String message) {
        this(code, status, message, -1);
    }

    /** {@code range}: the size the upload has, for a 416 that tells the client where to go on. */
    public BlobException(String code, int status, String message, long range) {
        super(message);
        this.code = code;
        this.status = status;
        this.range = range;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public long range() {
        return range;
    }
}
