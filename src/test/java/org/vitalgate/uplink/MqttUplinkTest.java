package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class MqttUplinkTest {

    @Test
    void onlyMqttAndMqttsBrokerUrisAreAccepted() {
        for (String uri : new String[] {"http://127.0.0.1:1883", "tcp://127.0.0.1:1883", "ssl://h:8883", "ws://h"}) {
            assertThatThrownBy(() -> create(uri)).as(uri).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("mqtts:// or mqtt://");
        }
        assertThatThrownBy(() -> create("mqtts:///nohost")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultPortsFollowTheScheme() {
        assertThat(new ClientFactory(UplinkTestSupport.settings(URI.create("mqtts://broker.example")),
                io.reactivex.schedulers.Schedulers.trampoline()).tls()).isTrue();
        assertThat(new ClientFactory(UplinkTestSupport.settings(URI.create("mqtt://127.0.0.1")),
                io.reactivex.schedulers.Schedulers.trampoline()).tls()).isFalse();
    }

    @Test
    void beforeStartNothingIsSentAndStateIsDisconnected() {
        try (MqttUplink uplink = create("mqtt://127.0.0.1:1")) {
            assertThat(uplink.state()).isEqualTo(UplinkState.DISCONNECTED);
            assertThat(uplink.publishTransient("health", new byte[0])).isFalse();
            assertThat(uplink.status().published()).isZero();
            uplink.signal();                                  // harmless before start
        }
    }

    private static MqttUplink create(String uri) {
        return new MqttUplink(UplinkTestSupport.settings(URI.create(uri)), new InMemoryOutbox(),
                new UplinkTestSupport.CountingStatus(), PayloadStamper.UNCHANGED, CommandHandler.IGNORE,
                UplinkListener.NONE, Clock.systemUTC());
    }
}
