package org.vitalgate.uplink;

/**
 * Receives messages on {@code {topicRoot}/cmd/{name}}. Called on the uplink thread; must not block for long.
 * The handler validates the name and payload (a closed set of commands); the uplink only delivers them.
 */
@FunctionalInterface
public interface CommandHandler {
    void onCommand(String name, byte[] payload);

    /** Ignores every command. */
    CommandHandler IGNORE = (name, payload) -> { };
}
