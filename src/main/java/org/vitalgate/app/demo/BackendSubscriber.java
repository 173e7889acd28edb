package org.vitalgate.app.demo;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The demo's stand-in for the care platform: a persistent-session QoS 1 subscriber to everything below the
 * hub's topic root, reconnecting by itself, handing each message to a {@link LiveView}.
 */
public final class BackendSubscriber implements AutoCloseable {
    private final Mqtt3AsyncClient client;

    private BackendSubscriber(Mqtt3AsyncClient client) {
        this.client = client;
    }

    public static BackendSubscriber start(URI broker, String topicRoot, LiveView view) throws Exception {
        boolean tls = "mqtts".equals(broker.getScheme());
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3()
                .identifier("vitalgate-demo-backend")
                .serverHost(broker.getHost())
                .serverPort(broker.getPort() > 0 ? broker.getPort() : tls ? 8883 : 1883)
                .executorConfig().nettyThreads(1).applyExecutorConfig()
                .automaticReconnect().initialDelay(200, TimeUnit.MILLISECONDS).maxDelay(1, TimeUnit.SECONDS)
                .applyAutomaticReconnect();
        if (tls) {
            b = b.sslWithDefaultConfig();
        }
        Mqtt3AsyncClient client = b.buildAsync();
        client.connectWith().cleanSession(false).keepAlive(10).send().get(10, TimeUnit.SECONDS);
        client.subscribeWith().topicFilter(topicRoot + "/#").qos(MqttQos.AT_LEAST_ONCE)
                .callback(p -> view.onMessage(p.getTopic().toString(), p.getPayloadAsBytes()))
                .send().get(10, TimeUnit.SECONDS);
        return new BackendSubscriber(client);
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(Duration.ofSeconds(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // best effort: the demo is ending
        }
    }
}
