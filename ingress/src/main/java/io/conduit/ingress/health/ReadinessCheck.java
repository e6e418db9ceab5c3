package io.conduit.ingress.health;

/** One dependency readiness waits for. {@link #check()} may block briefly; it runs off the request path. */
public interface ReadinessCheck {

    String name();

    /** True when the dependency answers. */
    boolean check();
}
