package org.vitalgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP forwarder with a gate, so a test decides when the client under test may reach the broker:
 * while the gate is closed, accepted connections are closed at once (the client sees a dropped connection).
 * {@link #cutAll()} closes every forwarded connection without any MQTT DISCONNECT (an unclean loss).
 *
 * <p>Thread-safe. Uses one accept thread plus two threads per open connection (daemon threads named
 * {@code tcp-proxy-*}); {@link #close()} stops them all.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean gateOpen;
    private volatile boolean downstreamHeld;
    private volatile boolean closed;

    private TcpProxy(int targetPort, boolean gateOpen) {
        this.targetPort = targetPort;
        this.gateOpen = gateOpen;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a fresh 127.0.0.1 port forwarding to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy to(int targetPort, boolean gateOpen) {
        return new TcpProxy(targetPort, gateOpen);
    }

    public int port() {
        return server.getLocalPort();
    }

    public void open() {
        gateOpen = true;
    }

    /** Closes the gate: new connections are dropped; existing ones continue until {@link #cutAll()}. */
    public void shut() {
        gateOpen = false;
    }

    /**
     * Holds (true) or releases bytes from the target back to the clients: with it held, a broker's PUBACKs
     * do not reach the client, so its publishes stay in flight.
     */
    public void holdDownstream(boolean hold) {
        downstreamHeld = hold;
    }

    /** Closes every forwarded connection abruptly. */
    public void cutAll() {
        for (Socket s : open) {
            closeQuietly(s);
        }
        open.clear();
    }

    /** Connections accepted so far (gate open or not). */
    public int acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cutAll();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (!gateOpen) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket("127.0.0.1", targetPort);
                open.add(client);
                open.add(upstream);
                pipe(client, upstream, false);
                pipe(upstream, client, true);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean downstream) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    while (downstream && downstreamHeld && !to.isClosed()) {
                        Thread.sleep(1);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (SocketException ignored) {
                // cut or closed by the other side
            } catch (IOException ignored) {
                // same
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

}
