package io.conduit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/** The loopback address every embedded server binds to, and free ports on it. */
final class Loopback {

    static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** {@code port} itself, or a port that is free on 127.0.0.1 right now when {@code port} is 0. */
    static int portOrFree(int port) {
        return port == 0 ? freePort() : port;
    }

    /**
     * A port that the kernel reports free on 127.0.0.1. There is a short window before the server binds
     * it, in which another process could take it; ephemeral ports are handed out in rotation, so that is rare.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, address())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    static InetAddress address() {
        try {
            return InetAddress.getByName(HOST);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static int checkPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (pick a free one) or 1-65535, was " + port);
        }
        return port;
    }
}
