package io.conduit.media.webhook;

import io.conduit.contracts.security.CredentialCipher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The signing secrets of a key group (or of keys without one) from {@code webhook_settings}, stored
 * encrypted with the credential cipher. A group without a secret gets one on first use (concurrent
 * dispatchers agree on the first one written). After a rotation the previous secret signs too until
 * its {@code previous_secret_expires_at}. Secrets never leave this class except to sign.
 */
final class SigningKeys {

    private final DataSource dataSource;
    private final CredentialCipher cipher;
    private final Clock clock;

    SigningKeys(DataSource dataSource, CredentialCipher cipher, Clock clock) {
        this.dataSource = dataSource;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** The secrets to sign with, current first. */
    List<String> secretsFor(UUID keyGroup) throws SQLException {
        String scope = PostgresWebhookOutbox.scope(keyGroup);
        try (Connection connection = dataSource.getConnection()) {
            List<String> secrets = read(connection, scope);
            if (secrets != null) {
                return secrets;
            }
            Instant now = clock.instant();
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into webhook_settings (scope, key_group_id, secret_ciphertext, secret_created_at, updated_at)
                    values (?, ?, ?, ?, ?)
                    on conflict (scope) do update set
                        secret_ciphertext = coalesce(webhook_settings.secret_ciphertext, excluded.secret_ciphertext),
                        secret_created_at = coalesce(webhook_settings.secret_created_at, excluded.secret_created_at)""")) {
                insert.setString(1, scope);
                insert.setObject(2, keyGroup);
                insert.setString(3, cipher.encrypt(WebhookSignatures.newSecret()));
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setTimestamp(5, Timestamp.from(now));
                insert.executeUpdate();
            }
            secrets = read(connection, scope);
            if (secrets == null) {
                throw new SQLException("the webhook signing secret of " + scope + " could not be stored");
            }
            return secrets;
        }
    }

    private List<String> read(Connection connection, String scope) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select secret_ciphertext, previous_secret_ciphertext, previous_secret_expires_at
                from webhook_settings where scope = ?""")) {
            select.setString(1, scope);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next() || row.getString(1) == null) {
                    return null;
                }
                List<String> secrets = new ArrayList<>(2);
                secrets.add(decrypt(row.getString(1)));
                Timestamp previousUntil = row.getTimestamp(3);
                if (row.getString(2) != null && previousUntil != null && previousUntil.toInstant().isAfter(clock.instant())) {
                    secrets.add(decrypt(row.getString(2)));
                }
                return secrets;
            }
        }
    }

    private String decrypt(String ciphertext) {
        try {
            return cipher.decrypt(ciphertext);
        } catch (RuntimeException e) {
            // the cipher's message names no secret; keep it that way
            throw new IllegalStateException("a webhook signing secret cannot be decrypted with this encryption key"
                    + " (CONDUIT_ENCRYPTION_KEY must be the same on every instance)");
        }
    }
}
