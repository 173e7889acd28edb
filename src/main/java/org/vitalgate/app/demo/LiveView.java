package org.vitalgate.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a backend subscriber sees, one line per reading (the measured time is marked {@code !} when it lies after
 * the receipt, {@code ?} when it is an ambiguous local time; "dev clock" is the device clock offset the hub
 * applied, {@code unknown} when it could not learn it), and a running account of delivery: readings received,
 * duplicates (same id again, harmless), seq gaps still open. Thread-safe (messages arrive on the MQTT client's
 * thread, summaries are asked for from the demo thread).
 */
public final class LiveView {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Map<String, String> LABELS = Map.of(
            "bp-systolic", "sys", "bp-diastolic", "dia", "bp-mean", "MAP", "pulse-rate-noninv", "pulse",
            "pulse-rate-oximeter", "pulse", "spo2", "SpO2", "body-weight", "weight", "body-temperature", "temp",
            "glucose-capillary-whole-blood", "glucose", "glucose-capillary-plasma", "glucose");

    private final PrintStream out;
    private final Clock clock;
    private final Set<String> ids = new HashSet<>();
    private final TreeSet<Long> missing = new TreeSet<>();
    private long maxSeq;
    private long duplicates;
    private long outOfOrder;

    public LiveView(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public synchronized void header() {
        out.printf("%6s  %-26s %-46s %-9s %-10s %s%n", "seq", "device", "values", "measured", "dev clock", "latency");
    }

    /** A message on any topic below the hub's root. */
    public synchronized void onMessage(String topic, byte[] payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            if (topic.endsWith("/readings")) {
                reading(n);
            } else if (topic.endsWith("/status")) {
                out.printf("        [status] hub %s is %s%n", n.path("hubId").asText(), n.path("state").asText());
            } else if (topic.endsWith("/events")) {
                out.printf("        [event] %s %s%n", n.path("type").asText(), n.path("attributes"));
            }
        } catch (IOException e) {
            out.printf("        [!] %s: payload is not JSON (%d bytes)%n", topic, payload.length);
        }
    }

    private void reading(JsonNode n) {
        long seq = n.path("seq").asLong();
        String id = n.path("id").asText();
        if (!ids.add(id)) {
            duplicates++;
            out.printf("%6d  (duplicate of an already received reading, same id %s: dropped by the backend)%n", seq, id);
            return;
        }
        if (seq > maxSeq) {
            for (long s = maxSeq + 1; s < seq; s++) {
                missing.add(s);
            }
            maxSeq = seq;
        } else if (!missing.remove(seq)) {
            outOfOrder++;
        }
        JsonNode t = n.path("time");
        Instant received = Instant.parse(t.path("received").asText());
        Instant measured = Instant.parse(t.path("measured").asText());
        long latency = Duration.between(received, clock.instant()).toMillis();
        // the device clock offset the hub applied; "unknown": the device clock could not be learned (time kept as
        // reported); "-": the device sent no time
        String clockOffset = t.has("deviceClockOffsetMs") ? offset(t.path("deviceClockOffsetMs").asLong())
                : t.has("device") ? "unknown" : "-";
        String flags = t.path("flags").toString();
        String mark = flags.contains("measured-after-received") ? "!" : flags.contains("ambiguous-local-time") ? "?" : "";
        JsonNode d = n.path("device");
        out.printf("%6d  %-26s %-46s %-9s %-10s %s%n", seq,
                clip(d.path("manufacturer").asText() + " " + d.path("model").asText(), 26),
                clip(values(n.path("measurements")), 46), HHMMSS.format(measured) + mark, clockOffset, latency(latency));
    }

    /** "sys 120, dia 80, MAP 93 mm[Hg], pulse 72 /min": a unit is written once for a run of values in it. */
    private static String values(JsonNode measurements) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < measurements.size(); i++) {
            JsonNode m = measurements.get(i);
            String type = m.path("type").asText();
            String unit = m.path("unit").asText();
            sb.append(i == 0 ? "" : ", ").append(LABELS.getOrDefault(type, type)).append(' ')
                    .append(m.has("value") ? m.path("value").asText() : m.path("dataAbsent").asText());
            if (i == measurements.size() - 1 || !unit.equals(measurements.get(i + 1).path("unit").asText())) {
                sb.append(' ').append(unit);
            }
        }
        return sb.toString();
    }

    private static String offset(long ms) {
        long s = Math.abs(ms) / 1000;
        return (ms < 0 ? "-" : "+") + (s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s");
    }

    private static String latency(long ms) {
        return ms < 10_000 ? ms + " ms" : (ms / 1000) + " s (held in the outbox)";
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    public synchronized long received() {
        return ids.size();
    }

    public synchronized String summary(long lastSeqAtHub) {
        TreeSet<Long> notYet = new TreeSet<>(missing);
        for (long s = maxSeq + 1; s <= lastSeqAtHub; s++) {
            notYet.add(s);
        }
        return String.format("received %d distinct readings (seq 1..%d), %d duplicates (same id), %d out of order, "
                        + "%s", ids.size(), maxSeq, duplicates, outOfOrder,
                notYet.isEmpty() ? "no gaps" : notYet.size() + " not (yet) received: " + head(notYet));
    }

    private static String head(TreeSet<Long> s) {
        return s.size() <= 10 ? s.toString() : s.first() + ".." + s.last();
    }
}
