package org.vitalgate.app.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * systemd's side of {@code NOTIFY_SOCKET} for tests: a bound AF_UNIX datagram socket whose messages a daemon
 * thread collects. Close it to stop.
 */
public final class FakeNotifySocket implements AutoCloseable {
    private final UnixDatagram socket;
    private final String name;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    private FakeNotifySocket(UnixDatagram socket, String name) {
        this.socket = socket;
        this.name = name;
        this.reader = new Thread(this::read, "fake-notify-socket");
        reader.setDaemon(true);
        reader.start();
    }

    /** Binds {@code name}: a path, or {@code @name} in the abstract namespace. */
    public static FakeNotifySocket bind(String name) throws IOException {
        UnixDatagram s = UnixDatagram.open();
        try {
            s.bind(name);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new FakeNotifySocket(s, name);
    }

    public static FakeNotifySocket bind(Path path) throws IOException {
        return bind(path.toString());
    }

    public String name() {
        return name;
    }

    /** Every datagram received so far, in order. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    private void read() {
        while (open) {
            try {
                byte[] b = socket.receive(100);
                if (b != null) {
                    messages.add(new String(b, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        reader.join(2_000);
        socket.close();
    }
}
