package io.conduit.ingress.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: a client's {@code x-request-id} is kept when well-formed; otherwise one is made. */
public final class RequestIds {

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {}

    public static String resolve(String clientRequestId) {
        return clientRequestId != null && WELL_FORMED.matcher(clientRequestId).matches()
                ? clientRequestId
                : newId();
    }

    /** A fresh random id: also the id of each upstream call's usage event. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
