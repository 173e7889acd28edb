package org.vitalgate.transport.sim;

import java.util.Objects;

/**
 * What a simulated device says about itself (Device Information Service strings) and which kind it is.
 *
 * @param address      a stable pseudo address, e.g. {@code SIM:BP:01}
 * @param kind         the kind of device
 * @param manufacturer Manufacturer Name String
 * @param model        Model Number String
 * @param serialNumber Serial Number String
 * @param firmware     Firmware Revision String
 */
public record SimulatedDeviceInfo(String address, Kind kind, String manufacturer, String model,
                                  String serialNumber, String firmware) {
    public SimulatedDeviceInfo {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(firmware, "firmware");
    }

    /** The device kinds of the simulated home. */
    public enum Kind {
        BP_CUFF, OXIMETER, SCALE, GLUCOMETER, THERMOMETER
    }
}
