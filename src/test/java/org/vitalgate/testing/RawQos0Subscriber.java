package org.vitalgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A minimal MQTT 3.1.1 QoS 0 subscriber over a plain socket, for tests that SIGKILL the broker. Unlike Paho
 * (which drops messages still in its callback queue when the connection dies) it hands over every PUBLISH
 * that reached its socket before the connection ended. With QoS 0 it sends nothing back, so the dying broker's
 * socket ends with FIN rather than RST (an RST would make the kernel discard unread data), and mosquitto writes
 * each message to it before acknowledging the publisher.
 *
 * <p>Thread-safe: one reader thread collects, tests read snapshots.
 */
public final class RawQos0Subscriber implements AutoCloseable {
    private final Socket socket;
    private final List<MqttTestSubscriber.Received> received = new ArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private RawQos0Subscriber(Socket socket) {
        this.socket = socket;
        this.reader = new Thread(this::readLoop, "raw-mqtt-sub");
        reader.setDaemon(true);
    }

    /** Connects to 127.0.0.1:{@code port}, subscribes to {@code filter} with QoS 0 and waits for the SUBACK. */
    public static RawQos0Subscriber subscribe(int port, String filter) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        RawQos0Subscriber sub = new RawQos0Subscriber(socket);
        OutputStream out = socket.getOutputStream();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String clientId = "raw-" + UUID.randomUUID().toString().substring(0, 8);
        ByteArrayOutputStream connect = new ByteArrayOutputStream();
        writeString(connect, "MQTT");
        connect.write(4);                 // protocol level 3.1.1
        connect.write(0x02);              // clean session
        connect.write(0);
        connect.write(60);                // keep-alive 60 s
        writeString(connect, clientId);
        writePacket(out, 0x10, connect.toByteArray());
        byte[] connack = readPacket(in, 0x20);
        if (connack.length != 2 || connack[1] != 0) {
            socket.close();
            throw new IOException("CONNACK refused: " + Arrays.toString(connack));
        }
        ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
        subscribe.write(0);
        subscribe.write(1);               // packet id 1
        writeString(subscribe, filter);
        subscribe.write(0);               // QoS 0
        writePacket(out, 0x82, subscribe.toByteArray());
        readPacket(in, 0x90);
        socket.setSoTimeout(0);
        sub.reader.start();
        return sub;
    }

    /** Everything received so far, in order. */
    public synchronized List<MqttTestSubscriber.Received> messages() {
        return List.copyOf(received);
    }

    /** Waits until the broker closed the connection and everything before that was read; returns the snapshot. */
    public List<MqttTestSubscriber.Received> awaitEnd(long timeoutMs) throws InterruptedException {
        reader.join(timeoutMs);
        if (reader.isAlive()) {
            throw new AssertionError("connection still open after " + timeoutMs + " ms");
        }
        return messages();
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            while (true) {
                int header = in.readUnsignedByte();
                byte[] body = new byte[readLength(in)];
                in.readFully(body);
                if ((header & 0xF0) == 0x30) {
                    int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                    String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
                    byte[] payload = Arrays.copyOfRange(body, 2 + topicLength, body.length);
                    synchronized (this) {
                        received.add(new MqttTestSubscriber.Received(topic, payload, (header & 1) != 0, 0, false));
                    }
                }
            }
        } catch (IOException e) {
            ended = true;                 // EOF or reset: the connection is over
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >> 8);
        out.write(b.length & 0xFF);
        out.write(b, 0, b.length);
    }

    private static void writePacket(OutputStream out, int header, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.write(body);
        out.write(packet.toByteArray());
        out.flush();
    }

    private static byte[] readPacket(DataInputStream in, int expectedType) throws IOException {
        int header = in.readUnsignedByte();
        byte[] body = new byte[readLength(in)];
        in.readFully(body);
        if ((header & 0xF0) != expectedType) {
            throw new IOException("expected packet type " + expectedType + ", got " + header);
        }
        return body;
    }

    private static int readLength(DataInputStream in) throws IOException {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            int b = in.readUnsignedByte();
            value += (b & 0x7F) * multiplier;
            if ((b & 0x80) == 0) {
                return value;
            }
            multiplier *= 128;
        }
        throw new EOFException("malformed remaining length");
    }
}
