/**
 * The durable SQLite store: the outbox of readings and events, de-duplication keys, device memory cursors and
 * the per-hub seq, behind {@link org.vitalgate.store.SqliteStore}. The uplink sees only
 * {@link org.vitalgate.store.Outbox}.
 *
 * <pre>
 *   ingest ──submit(draft)──► [bounded queue] ──► store-writer: admit? ─► one transaction per group commit
 *                                                               │         (dedup, seq, payload, row, key, cursor)
 *                                                               ▼                     │ commit
 *                                           StoreFullException (nothing written)      ▼
 *                                                                           futures complete: Accepted | Duplicate
 *   uplink ──pending(lane, afterId, max) / confirm(acks)──► same connection, same monitor
 * </pre>
 *
 * <p>Depends on {@code reading} only. Nothing in this package is null: absent values are {@code Optional}s.
 */
package org.vitalgate.store;
