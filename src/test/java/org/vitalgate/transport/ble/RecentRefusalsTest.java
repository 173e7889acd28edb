package org.vitalgate.transport.ble;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentRefusalsTest {
    @Test
    void refusalsOfManyAddressesStayBoundedAndTheRecentOnesAreKept() {
        RecentRefusals refusals = new RecentRefusals(64);
        String device = "00:09:1F:8E:2A:1C";
        for (int i = 0; i < 100_000; i++) {
            refusals.put("02:00:" + i, "RequestPasskey rejected: provisioning window closed");
        }
        refusals.put(device, "no passkey supplied");
        assertThat(refusals.size()).isEqualTo(64);
        assertThat(refusals.take(device)).hasValue("no passkey supplied");
        assertThat(refusals.take(device)).isEmpty();                 // removed as it is read
        assertThat(refusals.take("02:00:99999")).isPresent();         // recent ones are kept
        assertThat(refusals.take("02:00:0")).isEmpty();               // the oldest were forgotten
    }
}
