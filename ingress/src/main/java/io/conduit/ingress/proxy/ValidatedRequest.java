package io.conduit.ingress.proxy;

import io.conduit.provider.spi.json.JsonObjectScan;

/**
 * A request body that passed validation.
 *
 * @param body the scanned body
 * @param alias the model the client asked for
 * @param stream whether a streamed answer was asked for
 * @param clientWantsUsage whether the client asked for the usage chunk of a stream
 */
public record ValidatedRequest(JsonObjectScan body, String alias, boolean stream, boolean clientWantsUsage) {}
