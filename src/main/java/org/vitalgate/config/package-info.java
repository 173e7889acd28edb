/**
 * The agent's configuration: {@link org.vitalgate.config.AgentConfig} records and the YAML
 * {@link org.vitalgate.config.ConfigLoader}, which validates everything and lists all problems at once.
 * Nothing in this package is null across its boundary.
 */
package org.vitalgate.config;
