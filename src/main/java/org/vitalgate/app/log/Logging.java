package org.vitalgate.app.log;

import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.vitalgate.config.LogLevel;

/** Run-time control of the agent's logging backend (the threshold comes from the configuration file). */
public final class Logging {
    private Logging() {
    }

    /** Sets the default threshold; libraries listed as chatty stay at warn. No effect under another backend. */
    public static void setLevel(LogLevel level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerRegistry registry) {
            registry.setThreshold(Level.valueOf(level.name()));
        }
    }

    /** Whether lines go to journald with priority prefixes (else console lines with their own time stamp). */
    public static boolean toJournal() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerRegistry registry && registry.journal();
    }
}
