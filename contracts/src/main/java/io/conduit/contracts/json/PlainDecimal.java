package io.conduit.contracts.json;

import java.math.BigDecimal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a decimal as a JSON string in plain notation ({@code "0.0000375"}, never {@code 3.75E-5}),
 * so prices keep every digit in any JSON reader, spreadsheets and JavaScript included.
 */
public final class PlainDecimal extends StdSerializer<BigDecimal> {

    public PlainDecimal() {
        super(BigDecimal.class);
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext context) {
        gen.writeString(value.toPlainString());
    }

    /** The same value without trailing zeros, never in exponent form: 1.50 → 1.5, 10 → 10. */
    public static BigDecimal normalize(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
