package org.vitalgate.transport.ble;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.CallbackHandler;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.interfaces.Properties;

/** Calls to {@code org.bluez} on one D-Bus connection: proxies, and asynchronous calls with deadlines. Thread-safe. */
final class BluezBus {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BluezBus.class);
    static final String BLUEZ = "org.bluez";
    private final DBusConnection conn;

    BluezBus(DBusConnection conn) {
        this.conn = conn;
    }

    DBusConnection connection() {
        return conn;
    }

    <T extends DBusInterface> T remote(String path, Class<T> type) throws BleLinkException {
        try {
            return conn.getRemoteObject(BLUEZ, path, type);
        } catch (DBusException e) {
            throw new BleLinkException("no D-Bus proxy for " + path, null, e);
        }
    }

    Properties properties(String path) throws BleLinkException {
        return remote(path, Properties.class);
    }

    /**
     * Calls {@code method} without blocking; the future fails with the D-Bus error. Arguments are matched to the
     * interface method by their runtime classes (see {@link GattCalls}).
     */
    CompletableFuture<Object> call(DBusInterface remote, String method, Object... args) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        conn.callWithCallback(remote, method, new CallbackHandler<Object>() {
            @Override
            public void handle(Object r) {
                f.complete(r);
            }

            @Override
            public void handleError(DBusExecutionException e) {
                f.completeExceptionally(e);
            }
        }, args);
        return f;
    }

    /**
     * Ends our notification session on {@code charPath} without blocking; the future completes (normally) when
     * BlueZ answered, whatever the answer: failures only matter to debugging.
     */
    CompletableFuture<Void> stopNotifyAsync(String charPath) {
        try {
            return call(remote(charPath, GattCalls.class), "StopNotify").handle((r, e) -> {
                if (e != null) {
                    LOG.debug("StopNotify {} after link loss: {}", charPath, e.toString());
                }
                return null;
            });
        } catch (BleLinkException | RuntimeException e) {
            LOG.debug("StopNotify {} after link loss: {}", charPath, e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Waits for {@code f} until {@code deadlineNanos} ({@link System#nanoTime}); runs {@code onTimeout} if late. */
    static <T> T await(CompletableFuture<T> f, long deadlineNanos, String what, Runnable onTimeout)
            throws BleLinkException {
        try {
            return f.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            onTimeout.run();
            throw new BleLinkException.Timeout(what + " did not finish before the deadline");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BleLinkException ble) {
                throw ble;
            }
            String name = cause instanceof DBusExecutionException dbe ? BluezErrors.name(dbe) : null;
            // BlueZ's message says why (le-connection-abort-by-local, br-connection-canceled, ...): keep it
            String why = cause == null || cause.getMessage() == null || cause.getMessage().isBlank() ? ""
                    : ": " + cause.getMessage();
            throw new BleLinkException(what + " failed" + why, name, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            onTimeout.run();
            throw new BleLinkException(what + " interrupted", null, e);
        }
    }
}
