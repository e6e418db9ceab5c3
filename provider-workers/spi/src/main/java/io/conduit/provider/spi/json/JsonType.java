package io.conduit.provider.spi.json;

/** JSON value types, as far as a scan tells them apart. */
public enum JsonType {
    STRING, NUMBER, OBJECT, ARRAY, TRUE, FALSE, NULL;

    public String article() {
        return switch (this) {
            case OBJECT, ARRAY -> "an " + name().toLowerCase();
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            default -> "a " + name().toLowerCase();
        };
    }
}
