package org.vitalgate.codec.gatt.dis;

/**
 * System ID (0x2A23): 40-bit manufacturer-defined identifier and 24-bit organizationally unique identifier
 * (OUI). Immutable.
 */
public record SystemId(long manufacturerIdentifier, int organizationallyUniqueIdentifier) {
    @Override
    public String toString() {
        return String.format("%010X-%06X", manufacturerIdentifier, organizationallyUniqueIdentifier);
    }
}
