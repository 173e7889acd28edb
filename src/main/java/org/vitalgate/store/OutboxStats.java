package org.vitalgate.store;

import java.util.OptionalLong;

/**
 * A snapshot of the outbox.
 *
 * @param pendingReadings      unconfirmed clinical rows
 * @param pendingEvents        unconfirmed diagnostic rows
 * @param oldestPendingAt      epoch ms of the oldest unconfirmed clinical row, if any
 * @param confirmedReadings    confirmed readings still kept as local history
 * @param lastSeq              the highest reading seq ever assigned (0 if none)
 * @param storeBytes           bytes used by the database file and its WAL
 * @param droppedEvents        diagnostic rows dropped under store pressure, ever
 */
public record OutboxStats(long pendingReadings, long pendingEvents, OptionalLong oldestPendingAt,
                          long confirmedReadings, long lastSeq, long storeBytes, long droppedEvents) {
}
