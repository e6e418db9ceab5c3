package io.conduit.provider.anthropic.internal;

/**
 * The tool the gateway adds to ask a model without native structured output for JSON: the model
 * is made to call it, and the call's input is the answer's text.
 */
public final class JsonOutputTool {

    /** Name of the tool; chosen so that it does not collide with a client's tool. */
    public static final String NAME = "conduit_json_response";

    public static final String DESCRIPTION =
            "Respond to the user with this tool. Its input is your complete answer as JSON matching the schema.";

    private JsonOutputTool() {}
}
