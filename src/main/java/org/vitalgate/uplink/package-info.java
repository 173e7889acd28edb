/**
 * The MQTT uplink: publishes the SQLite outbox to the broker with QoS 1 (HiveMQ MQTT client, MQTT 3.1.1) and
 * confirms rows on PUBACK; status topic and will; transient messages; incoming commands; TLS from PEM files.
 *
 * <p>Entry point: {@link org.vitalgate.uplink.MqttUplink}. Knows the outbox ({@code org.vitalgate.store}), not
 * devices. Nothing in this package is null: absent values are {@link java.util.Optional}s; constructors reject
 * {@code null} with the argument's name.
 */
package org.vitalgate.uplink;
