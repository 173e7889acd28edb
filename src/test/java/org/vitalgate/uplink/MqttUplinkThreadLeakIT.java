package org.vitalgate.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitalgate.testing.MosquittoBroker;
import org.vitalgate.testing.TestPki;

/**
 * Paho 1.2.5 leaks a thread per connect rejected for its client certificate under TLS 1.3: this proves the
 * uplink's connect path does not. 100 rejected attempts (broker requires a client certificate, the uplink has
 * none), JVM live threads stay within baseline + 10.
 */
class MqttUplinkThreadLeakIT {
    @TempDir
    Path dir;

    @Test
    void hundredRejectedTls13ConnectsDoNotAccumulateThreads() throws Exception {
        TestPki pki = TestPki.create(dir.resolve("pki"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (MosquittoBroker broker = MosquittoBroker.tlsOnly(MosquittoBroker.Tls.mutual(pki)
                .withTlsVersion("tlsv1.3")).start()) {
            InMemoryOutbox outbox = new InMemoryOutbox();
            outbox.addReadings(1);
            var listener = new UplinkTestSupport.RecordingListener();
            var settings = UplinkTestSupport.withRejectionBackoff(UplinkTestSupport.withTls(
                    UplinkTestSupport.settings(broker.uri()), UplinkTestSupport.tls(pki.caCert(), null, null)),
                    Duration.ofMillis(1));
            int baseline = threads.getThreadCount();
            int peak = baseline;
            long started = System.nanoTime();
            try (MqttUplink uplink = UplinkTestSupport.uplink(settings, outbox, listener)) {
                uplink.start();
                while (listener.rejections.size() < 100) {
                    peak = Math.max(peak, threads.getThreadCount());
                    assertThat(System.nanoTime() - started).as("100 rejections within 60 s")
                            .isLessThan(Duration.ofSeconds(60).toNanos());
                    Thread.sleep(10);
                }
                int after = threads.getThreadCount();
                peak = Math.max(peak, after);
                assertThat(listener.rejections).allSatisfy(f -> {
                    assertThat(f.kind()).isEqualTo(ConnectFailure.Kind.REJECTED);
                    assertThat(f.reason()).contains("certificate_required");
                });
                System.out.printf("threads: baseline %d, peak %d, after 100 rejections %d (%d ms)%n", baseline, peak,
                        after, (System.nanoTime() - started) / 1_000_000);
                assertThat(peak).as(threadNames()).isLessThanOrEqualTo(baseline + 10);
                assertThat(outbox.confirmedCount()).isZero();
            }
        }
    }

    private static String threadNames() {
        Map<String, Integer> byName = new TreeMap<>();
        Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
                .forEach(t -> byName.merge(t.getThreadName().replaceAll("\\d+", "#"), 1, Integer::sum));
        return byName.toString();
    }
}
