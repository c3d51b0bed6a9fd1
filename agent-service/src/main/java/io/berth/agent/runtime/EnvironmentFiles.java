package io.berth.agent.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's {@code environmentFiles}: ECS reads them from S3 ({@code arn:aws:s3:::bucket/key}); a Berth agent
 * reads the same object from a local directory that stands for S3, {@code <directory>/<bucket>/<key>}. The format is
 * ECS's: one {@code KEY=VALUE} per line, {@code #} comments and blank lines skipped, the value taken verbatim.
 */
final class EnvironmentFiles {

    private static final String S3_ARN = "arn:aws:s3:::";

    private EnvironmentFiles() {
    }

    /** The file's variables, in order; throws a refusal naming the file when it cannot be read. */
    static Map<String, String> read(Path directory, String arn) throws EnvironmentFileException {
        if (directory == null) {
            throw new EnvironmentFileException("environment file " + arn + " can not be read: this agent has no"
                    + " directory standing for S3 (BERTH_ENVIRONMENT_FILES_DIRECTORY)");
        }
        if (!arn.startsWith(S3_ARN)) {
            throw new EnvironmentFileException("environment file " + arn + " is not an S3 object ARN");
        }
        Path file = directory.resolve(arn.substring(S3_ARN.length())).normalize();
        if (!file.startsWith(directory.normalize())) {
            throw new EnvironmentFileException("environment file " + arn + " is outside its bucket");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || equals <= 0) {
                    continue;
                }
                variables.put(line.substring(0, equals), line.substring(equals + 1));
            }
        } catch (IOException e) {
            throw new EnvironmentFileException("environment file " + arn + " can not be read: " + e.getMessage());
        }
        return variables;
    }

    /** The message completes "ResourceInitializationError: ". */
    static final class EnvironmentFileException extends Exception {

        private static final long serialVersionUID = 1L;

        EnvironmentFileException(String message) {
            super(message);
        }
    }
}
