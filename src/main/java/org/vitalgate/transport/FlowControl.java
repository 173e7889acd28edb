package org.vitalgate.transport;

/**
 * Back-pressure from the consumer of frames to a transport that takes data off devices. While paused, a
 * transport starts no memory fetch (no new device session, no record request, and a transfer under way is
 * ended): the devices keep their data until {@link #resumeFetches()}. Live data already on its way may still
 * arrive. Transport-neutral: BLE sessions implement it, and so will serial ports.
 *
 * <p>Called on whichever thread crosses a watermark, possibly under the consumer's lock: implementations only
 * record the state or enqueue work, never block and never call back into the consumer.
 */
public interface FlowControl {
    /** The consumer's queue is above its high watermark: stop fetching device memories. */
    void pauseFetches();

    /** The queue is back below its low watermark: fetching may go on. */
    void resumeFetches();
}
