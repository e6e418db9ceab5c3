package io.conduit.media.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a webhook URL's host to its addresses (the system resolver; tests substitute fixed answers). */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    /** Every address of the host (an IP literal resolves to itself); throws when it has none. */
    List<InetAddress> resolve(String host) throws UnknownHostException;
}
