package org.vitalgate.uplink;

import com.hivemq.client.internal.mqtt.message.connect.MqttConnect;
import com.hivemq.client.internal.mqtt.message.connect.mqtt3.Mqtt3ConnectView;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;

/**
 * Sets the largest packet an MQTT 3.1.1 connection of the HiveMQ client accepts from the broker.
 *
 * <p>Why internals: MQTT 3.1.1 has no way to tell the broker a limit, and HiveMQ 1.3's MQTT 3 API does not
 * expose one; yet its decoder enforces the CONNECT's {@code maximumPacketSize} restriction for every protocol
 * version, reading only the fixed header of a larger packet and closing the connection ("incoming packet exceeded
 * maximum packet size") instead of buffering it. Without it, one 30 MB publish on a command topic exhausted the
 * hub's direct memory. The restriction is never sent over MQTT 3.1.1. Pinned to the client version in pom.xml;
 * {@code MqttUplinkInboundLimitIT} proves it still works after an upgrade. Stateless.
 */
final class InboundLimit {
    private InboundLimit() {
    }

    static Mqtt3Connect apply(Mqtt3Connect connect, int maximumPacketSize) {
        MqttConnect delegate = ((Mqtt3ConnectView) connect).getDelegate();
        MqttConnect limited = (MqttConnect) delegate.extend()
                .restrictions(delegate.getRestrictions().extend().maximumPacketSize(maximumPacketSize).build())
                .build();
        return Mqtt3ConnectView.of(limited);
    }
}
