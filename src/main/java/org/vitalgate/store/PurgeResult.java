package org.vitalgate.store;

/**
 * What one housekeeping purge removed.
 *
 * @param readings  confirmed readings older than the history period
 * @param events    confirmed events older than the history period
 * @param dedupKeys de-duplication keys older than the dedup period
 */
public record PurgeResult(long readings, long events, long dedupKeys) {
}
