package org.vitalgate.transport;

/**
 * Where transports deliver frames. Called on transport/library threads: implementations only enqueue and
 * return; they never block or touch the store.
 */
@FunctionalInterface
public interface FrameSink {
    void accept(RawFrame frame);
}
