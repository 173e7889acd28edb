package org.vitalgate.reading;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Random;

/**
 * Generates ULIDs for reading ids: 48-bit millisecond time stamp then 80 random bits, Crockford base 32.
 * Monotonic within one millisecond (the random part is incremented), so ids sort in creation order.
 * Thread-safe.
 */
public final class ReadingIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private final Clock clock;
    private final Random random;
    private long lastMillis = -1;
    private long randHi; // 16 bits
    private long randLo; // 64 bits

    public ReadingIds(Clock clock) {
        this(clock, new SecureRandom());
    }

    public ReadingIds(Clock clock, Random random) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public synchronized ReadingId next() {
        long now = clock.millis();
        if (now <= lastMillis) {
            now = lastMillis;
            randLo++;
            if (randLo == 0) {
                randHi = (randHi + 1) & 0xFFFF;
            }
        } else {
            lastMillis = now;
            randHi = random.nextInt(1 << 16);
            randLo = random.nextLong();
        }
        char[] out = new char[26];
        long t = now;
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        // 80 random bits = randHi (16) : randLo (64), written as 16 base-32 digits
        long lo = randLo;
        long hi = randHi;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new ReadingId(new String(out));
    }
}
