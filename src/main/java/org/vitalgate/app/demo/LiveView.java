package org.vitalgate.app.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
    /** Every line the view prints fits a terminal this wide. */
    static final int WIDTH = 100;
    /** A reading published this long after the hub received it waited in the outbox (broker unreachable). */
    static final Duration HELD = Duration.ofSeconds(2);
    private static final String ROW = "%6s  %-18s %-38s %-9s %-9s %s";
    /** Numbers exactly as on the wire: 36.50 stays 36.50 (a double would print 36.5). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();
    private static final DateTimeFormatter HHMMSS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Map<String, String> LABELS = Map.of(
            "bp-mean", "MAP", "pulse-rate-noninv", "pulse", "pulse-rate-oximeter", "pulse", "spo2", "SpO2",
            "body-weight", "weight", "body-temperature", "temp", "glucose-capillary-whole-blood", "glucose",
            "glucose-capillary-plasma", "glucose", "bmi", "BMI");
    /** UCUM codes as a person writes them. */
    private static final Map<String, String> UNITS = Map.of(
            "mm[Hg]", "mmHg", "Cel", "°C", "[degF]", "°F", "[lb_av]", "lb", "[in_i]", "in", "/min", "/min");

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
        line(String.format(ROW, "seq", "device", "values (as on the wire)", "measured", "dev clock", "latency"));
        line("        latency: hub receipt to backend; \"+outbox\": it waited in the hub's outbox (broker away)");
    }

    /** A message on any topic below the hub's root. */
    public synchronized void onMessage(String topic, byte[] payload) {
        try {
            JsonNode n = JSON.readTree(payload);
            if (topic.endsWith("/readings")) {
                reading(n);
            } else if (topic.endsWith("/status")) {
                line(String.format("        [status] hub %s is %s", n.path("hubId").asText(), n.path("state").asText()));
            } else if (topic.endsWith("/events")) {
                line(String.format("        [event] %s %s", n.path("type").asText(), n.path("attributes")));
            }
        } catch (IOException e) {
            line(String.format("        [!] %s: payload is not JSON (%d bytes)", topic, payload.length));
        }
    }

    private void reading(JsonNode n) {
        long seq = n.path("seq").asLong();
        String id = n.path("id").asText();
        if (!ids.add(id)) {
            duplicates++;
            line(String.format("%6d  (again: same id as a reading already received; the backend drops it)", seq));
            return;
        }
        if (seq > maxSeq) {
            for (long s = Math.max(maxSeq + 1, seq - 10_000); s < seq; s++) {   // a view, not a ledger: bounded
                missing.add(s);
            }
            maxSeq = seq;
        } else if (!missing.remove(seq)) {
            outOfOrder++;
        }
        JsonNode t = n.path("time");
        Instant received = Instant.parse(t.path("received").asText());
        Instant measured = Instant.parse(t.path("measured").asText());
        boolean held = t.has("published")
                && Duration.between(received, Instant.parse(t.path("published").asText())).compareTo(HELD) >= 0;
        // the device clock offset the hub applied; "unknown": the device clock could not be learned (time kept as
        // reported); "-": the device sent no time
        String clockOffset = t.has("deviceClockOffsetMs") ? offset(t.path("deviceClockOffsetMs").asLong())
                : t.has("device") ? "unknown" : "-";
        String flags = t.path("flags").toString();
        String mark = flags.contains("measured-after-received") ? "!" : flags.contains("ambiguous-local-time") ? "?" : "";
        line(String.format(ROW, seq, device(n.path("device"), 18), clip(values(n.path("measurements")), 38),
                HHMMSS.format(measured) + mark, clockOffset,
                latency(Duration.between(received, clock.instant()).toMillis()) + (held ? " +outbox" : "")));
    }

    /** The model always; the manufacturer in front when it is known and fits. */
    static String device(JsonNode d, int width) {
        String model = d.path("model").asText();
        String maker = d.path("manufacturer").asText();
        String both = maker + " " + model;
        if (!maker.isEmpty() && !maker.equals("unknown") && both.length() <= width) {
            return both;
        }
        return clip(model, width);
    }

    /** "BP 128/82 mmHg, MAP 97.3, pulse 71/min": values with the digits the wire carries, units as written. */
    static String values(JsonNode measurements) {
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        measurements.forEach(m -> byType.putIfAbsent(m.path("type").asText(), m));
        StringBuilder sb = new StringBuilder();
        JsonNode sys = byType.get("bp-systolic");
        JsonNode dia = byType.get("bp-diastolic");
        if (sys != null && dia != null && sys.path("unit").equals(dia.path("unit"))) {
            sb.append("BP ").append(number(sys)).append('/').append(number(dia)).append(' ').append(unit(sys));
            byType.remove("bp-systolic");
            byType.remove("bp-diastolic");
            JsonNode map = byType.remove("bp-mean");
            if (map != null) {
                sb.append(", MAP ").append(number(map));
            }
        }
        for (JsonNode m : byType.values()) {
            String type = m.path("type").asText();
            String unit = unit(m);
            sb.append(sb.length() == 0 ? "" : ", ").append(LABELS.getOrDefault(type, type)).append(' ')
                    .append(number(m)).append(unit.startsWith("/") ? "" : " ").append(unit);
        }
        return sb.toString();
    }

    private static String number(JsonNode m) {
        JsonNode v = m.path("value");
        if (v.isMissingNode()) {
            return m.path("dataAbsent").asText("?");
        }
        return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
    }

    private static String unit(JsonNode m) {
        String ucum = m.path("unit").asText();
        return UNITS.getOrDefault(ucum, ucum);
    }

    private static String offset(long ms) {
        long s = Math.abs(ms) / 1000;
        return (ms < 0 ? "-" : "+") + (s >= 60 ? s / 60 + "m" + String.format("%02d", s % 60) + "s" : s + "s");
    }

    private static String latency(long ms) {
        return ms < 10_000 ? ms + " ms" : (ms / 1000) + " s";
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Prints one line, cut to the view's width. */
    private void line(String text) {
        out.println(clip(text, WIDTH));
    }

    public synchronized long received() {
        return ids.size();
    }

    public synchronized String summary(long lastSeqAtHub) {
        TreeSet<Long> notYet = new TreeSet<>(missing);
        for (long s = maxSeq + 1; s <= lastSeqAtHub; s++) {
            notYet.add(s);
        }
        return String.format("received %d distinct readings (seq 1..%d),%n         %d duplicates (same id), %d out of"
                        + " order, %s", ids.size(), maxSeq, duplicates, outOfOrder,
                notYet.isEmpty() ? "no gaps" : notYet.size() + " not (yet) received: " + head(notYet));
    }

    private static String head(TreeSet<Long> s) {
        return s.size() <= 10 ? s.toString() : s.first() + ".." + s.last();
    }
}
