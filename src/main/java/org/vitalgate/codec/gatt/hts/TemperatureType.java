package org.vitalgate.codec.gatt.hts;

/**
 * Temperature Type codes (0x2A1D and the field inside Temperature Measurement): 1 armpit … 9 tympanum;
 * 0 and 10–255 reserved.
 */
public enum TemperatureType {
    RESERVED, ARMPIT, BODY_GENERAL, EAR_LOBE, FINGER, GASTROINTESTINAL_TRACT, MOUTH, RECTUM, TOE, TYMPANUM;

    public static TemperatureType of(int code) {
        return code >= 1 && code <= 9 ? values()[code] : RESERVED;
    }
}
