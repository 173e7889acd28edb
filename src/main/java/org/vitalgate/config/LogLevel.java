package org.vitalgate.config;

/** The agent's log threshold (SLF4J levels). */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG, TRACE
}
