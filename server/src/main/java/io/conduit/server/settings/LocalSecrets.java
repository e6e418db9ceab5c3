package io.conduit.server.settings;

import io.conduit.contracts.security.CredentialCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Secrets kept in the data directory when the environment gives none (single-node mode): files
 * readable by the owner only (0600). Logs where a secret is, never the secret.
 */
public final class LocalSecrets {

    private static final Logger log = LoggerFactory.getLogger(LocalSecrets.class);

    private LocalSecrets() {}

    /** The master key: from the environment, else {@code <data>/master.key}, generated on first start. */
    public static String masterKey(ServerSettings settings) {
        if (settings.masterKey() != null) {
            return settings.masterKey();
        }
        return readOrCreate(settings.dataDir().resolve("master.key"), LocalSecrets::newMasterKey,
                "Master key (CONDUIT_API_TO_API_BACKEND_AUTH_KEY) not set; using the one stored in {}");
    }

    /** The credential encryption key: from the environment, else {@code <data>/encryption.key}. */
    public static String encryptionKey(ServerSettings settings) {
        if (settings.encryptionKey() != null) {
            return settings.encryptionKey();
        }
        return readOrCreate(settings.dataDir().resolve("encryption.key"), CredentialCipher::newBase64Key,
                "Credential encryption key (CONDUIT_ENCRYPTION_KEY) not set; using the one stored in {}");
    }

    private static String newMasterKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "condt_master_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String readOrCreate(Path file, Supplier<String> generator, String message) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path temp = Files.createTempFile(file.getParent(), ".secret", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, generator.get() + "\n");
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            log.info(message, file);
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }
}
