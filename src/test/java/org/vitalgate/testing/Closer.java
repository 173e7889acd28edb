package org.vitalgate.testing;

/** Closes test resources in the given order, skipping nulls and going on past a failing one. */
public final class Closer {
    private Closer() {
    }

    public static void closeAll(AutoCloseable... inOrder) {
        for (AutoCloseable c : inOrder) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + c + " failed to close: " + e);
            }
        }
    }
}
