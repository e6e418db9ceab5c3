package io.conduit.provider.spi;

import io.conduit.provider.spi.json.JsonObjectScan;

/**
 * A client's request as ingress validated it, for an adapter to turn into its provider's request.
 *
 * @param body the scanned OpenAI-format request body
 * @param providerModel model name to send the provider instead of the client's alias
 * @param stream whether the client asked for a streamed answer
 * @param clientWantsUsage whether the client asked for the final usage chunk of a stream
 */
public record InboundCall(JsonObjectScan body, String providerModel, boolean stream, boolean clientWantsUsage) {}
