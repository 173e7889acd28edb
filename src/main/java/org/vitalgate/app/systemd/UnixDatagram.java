package org.vitalgate.app.systemd;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One {@code AF_UNIX} datagram socket (Linux). A socket name starting with {@code @} is in the abstract namespace,
 * as in {@code NOTIFY_SOCKET}. Not thread-safe: one owner.
 */
final class UnixDatagram implements AutoCloseable {
    private static final int SUN_PATH_MAX = 108;
    private final int fd;
    private boolean closed;

    private UnixDatagram(int fd) {
        this.fd = fd;
    }

    static UnixDatagram open() throws IOException {
        try {
            return new UnixDatagram(LibC.INSTANCE.socket(LibC.AF_UNIX, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0));
        } catch (LastErrorException | UnsatisfiedLinkError e) {
            throw new IOException("cannot open an AF_UNIX datagram socket: " + e.getMessage(), e);
        }
    }

    /** Sends one datagram to the socket called {@code name}. */
    void send(String name, byte[] payload) throws IOException {
        byte[] addr = address(name);
        try {
            LibC.INSTANCE.sendto(fd, payload, new NativeLong(payload.length), LibC.MSG_NOSIGNAL, addr, addr.length);
        } catch (LastErrorException e) {
            throw new IOException("sendto " + name + " failed: errno " + e.getErrorCode(), e);
        }
    }

    /** Binds to {@code name} (for a receiver, e.g. a test's stand-in for systemd). */
    void bind(String name) throws IOException {
        byte[] addr = address(name);
        try {
            LibC.INSTANCE.bind(fd, addr, addr.length);
        } catch (LastErrorException e) {
            throw new IOException("bind " + name + " failed: errno " + e.getErrorCode(), e);
        }
    }

    /** The next datagram, or null if none came within {@code timeoutMillis}. */
    byte[] receive(int timeoutMillis) throws IOException {
        ByteBuffer tv = ByteBuffer.allocate(2 * com.sun.jna.Native.LONG_SIZE).order(ByteOrder.nativeOrder());
        if (com.sun.jna.Native.LONG_SIZE == 8) {
            tv.putLong(timeoutMillis / 1000).putLong(timeoutMillis % 1000 * 1000L);
        } else {
            tv.putInt(timeoutMillis / 1000).putInt(timeoutMillis % 1000 * 1000);
        }
        byte[] buf = new byte[4096];
        try {
            LibC.INSTANCE.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_RCVTIMEO, tv.array(), tv.capacity());
            int n = LibC.INSTANCE.recv(fd, buf, new NativeLong(buf.length), 0).intValue();
            return java.util.Arrays.copyOf(buf, n);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == 11 || e.getErrorCode() == 4) {   // EAGAIN (timeout), EINTR
                return null;
            }
            throw new IOException("recv failed: errno " + e.getErrorCode(), e);
        }
    }

    /** {@code struct sockaddr_un} for {@code name}: family, then the path (NUL-terminated, or abstract after @). */
    static byte[] address(String name) {
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = name.startsWith("@");
        if (path.length >= SUN_PATH_MAX) {
            throw new IllegalArgumentException("socket name longer than " + (SUN_PATH_MAX - 1) + " bytes: " + name);
        }
        int len = 2 + path.length + (abstractName ? 0 : 1);
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_UNIX);
        b.put(path);
        if (abstractName) {
            b.put(2, (byte) 0);
        }
        return b.array();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException e) {
                // nothing to do: the descriptor is gone either way
            }
        }
    }
}
