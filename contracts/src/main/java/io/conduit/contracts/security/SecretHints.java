package io.conduit.contracts.security;

/** Masked hints of secrets, safe to show in APIs and logs: enough to recognise, never to use. */
public final class SecretHints {

    private SecretHints() {}

    /** E.g. {@code sk-p…x9Qz}; short secrets show only their last two characters. */
    public static String hint(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() < 12) {
            return "…" + secret.substring(Math.max(0, secret.length() - 2));
        }
        int head = secret.startsWith(VirtualKeys.PREFIX) ? VirtualKeys.PREFIX.length() + 2 : 4;
        return secret.substring(0, head) + "…" + secret.substring(secret.length() - 4);
    }
}
