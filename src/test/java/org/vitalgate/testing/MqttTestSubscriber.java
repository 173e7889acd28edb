package org.vitalgate.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plaintext MQTT 3.1.1 test subscriber (Paho, independent of the client under test): subscribes to one
 * topic filter with QoS 1 and collects what arrives. Collection and the await helpers are thread-safe
 * (messages arrive on Paho's thread, tests read on theirs).
 */
public final class MqttTestSubscriber implements AutoCloseable {

    /** One received message. {@code retained} is true for messages delivered from the broker's retained store. */
    public record Received(String topic, byte[] payload, boolean retained, int qos, boolean duplicate) {
        public Received {
            Objects.requireNonNull(topic, "topic");
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic + (retained ? " [retained] " : " ") + text();
        }
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    private MqttTestSubscriber(MqttClient client) {
        this.client = client;
    }

    /** Connects (clean session) to {@code tcpUri} ({@code tcp://127.0.0.1:port}) and subscribes with QoS 1. */
    public static MqttTestSubscriber subscribe(String tcpUri, String topicFilter) {
        return subscribe(tcpUri, topicFilter, 1);
    }

    /**
     * As {@link #subscribe(String, String)} with a chosen QoS. Note: Paho drops messages still in its callback
     * queue when the connection dies; tests that SIGKILL the broker watch with {@link RawQos0Subscriber}.
     */
    public static MqttTestSubscriber subscribe(String tcpUri, String topicFilter, int qos) {
        try {
            MqttClient client = new MqttClient(tcpUri, "test-sub-" + UUID.randomUUID(), new MemoryPersistence());
            MqttTestSubscriber sub = new MqttTestSubscriber(client);
            client.setCallback(sub.new Collector());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setMaxInflight(1000);
            client.connect(options);
            client.subscribe(topicFilter, qos);
            return sub;
        } catch (MqttException e) {
            throw new IllegalStateException("test subscriber cannot subscribe at " + tcpUri, e);
        }
    }

    /** Convenience: subscribe on the broker's plaintext listener. */
    public static MqttTestSubscriber subscribe(MosquittoBroker broker, String topicFilter) {
        return subscribe(broker.plainTcpUri(), topicFilter);
    }

    /** Publishes with QoS 1 on this subscriber's connection (as a backend sends a command); waits for PUBACK. */
    public void publish(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 1, false);
        } catch (MqttException e) {
            throw new IllegalStateException("test client cannot publish to " + topic, e);
        }
    }

    /** A snapshot of everything received so far, in arrival order. */
    public synchronized List<Received> messages() {
        return List.copyOf(received);
    }

    public synchronized List<Received> messages(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    public synchronized int count() {
        return received.size();
    }

    public synchronized void clear() {
        received.clear();
    }

    /** Waits until at least {@code n} messages arrived; returns the snapshot or throws {@link AssertionError}. */
    public List<Received> awaitCount(int n, Duration timeout) {
        return awaitMatching(r -> true, n, timeout);
    }

    /** Waits for the first message matching {@code filter}. */
    public Received await(Predicate<Received> filter, Duration timeout) {
        return awaitMatching(filter, 1, timeout).get(0);
    }

    /** Waits until at least {@code n} messages match {@code filter}; returns all matching ones. */
    public synchronized List<Received> awaitMatching(Predicate<Received> filter, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> matching = received.stream().filter(filter).toList();
            if (matching.size() >= n) {
                return matching;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + n + " matching messages within " + timeout + ", got "
                        + matching.size() + " (of " + received.size() + " received)");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Topic of a message published under a root, e.g. {@code root + "/readings"}. */
    public static Predicate<Received> onTopic(String topic) {
        return r -> r.topic().equals(topic);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException ignored) {
            // the broker may already be gone
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // best effort
        }
    }

    private synchronized void add(Received r) {
        received.add(r);
        notifyAll();
    }

    private final class Collector implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            // tests that kill the broker re-subscribe explicitly
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            add(new Received(topic, message.getPayload(), message.isRetained(), message.getQos(),
                    message.isDuplicate()));
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // subscriber only
        }
    }
}
