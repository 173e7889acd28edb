package org.vitalgate.profile;

/** Whether the device must be bonded before it gives data, and how pairing is confirmed. */
public enum Bonding {
    /** No pairing at all (open oximeters). */
    NONE,
    /** Bond with Just Works (no user interaction on the hub side). */
    JUST_WORKS,
    /** Bond by typing the 6-digit passkey the device displays. */
    PASSKEY;

    public boolean required() {
        return this != NONE;
    }
}
