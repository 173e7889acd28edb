package org.vitalgate.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.MappedReading;
import org.vitalgate.reading.Bytes;

/**
 * Decode time per characteristic (and decode + map for measurements), one representative full-featured value
 * each. Run with {@code bench/codec-jmh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("gatt.bps.measurement", "1F BDF0 6BF0 86F0 E207 04 11 0F 33 00 4800 01 2700"),
            Map.entry("gatt.bps.intermediate-cuff-pressure", "1F BDF0 FF07 FF07 E207 04 11 0F 33 00 4800 02 0100"),
            Map.entry("gatt.bps.feature", "FF01"),
            Map.entry("gatt.gls.measurement", "0B 0200 DC07 0C 05 0B 0A 1E FBFF 7BB0 11 0000"),
            Map.entry("gatt.gls.measurement-context", "DF 0200 00 01 32D0 02 51 100E 32 01 02A0 41F0"),
            Map.entry("gatt.gls.feature", "F003"),
            Map.entry("gatt.racp", "06 00 01 01"),
            Map.entry("gatt.hts.measurement", "06 B00E00FE DC07 0C 05 0B 32 1B 04"),
            Map.entry("gatt.hts.intermediate-temperature", "06 6C0E00FE E207 04 11 0F 33 00 06"),
            Map.entry("gatt.hts.temperature-type", "04"),
            Map.entry("gatt.hts.measurement-interval", "3C00"),
            Map.entry("gatt.wss.measurement", "0E B036 E207 04 11 0F 33 00 01 F000 D606"),
            Map.entry("gatt.wss.feature", "8F000000"),
            Map.entry("gatt.bcs.measurement", "FE0F C800 E207 04 11 0F 33 00 01 2C1A 9001 7017 C02B 1027 401F 8813 B036 D606"),
            Map.entry("gatt.bcs.feature", "00200100"),
            Map.entry("gatt.plxs.spot-check", "0F 6200 4800 E207 04 11 0F 33 00 8000 200000 19F0"),
            Map.entry("gatt.plxs.continuous", "1F 6200 4800 6100 4900 6000 4600 2000 000800 19F0"),
            Map.entry("gatt.plxs.features", "A300 4010 800100"),
            Map.entry("gatt.cts.current-time", "E907 01 0F 0E 1E 2D 03 21 01"),
            Map.entry("gatt.common.datetime", "E207 04 11 0F 33 00"),
            Map.entry("gatt.cts.local-time-information", "04 04"),
            Map.entry("gatt.cts.time-zone", "04"),
            Map.entry("gatt.cts.dst-offset", "04"),
            Map.entry("gatt.bas.battery-level", "64"),
            Map.entry("gatt.dis.manufacturer-name", "4F 6D 72 6F 6E 20 00 00"),
            Map.entry("gatt.dis.model-number", "48 45 4D 2D 39 32 30 30 54"),
            Map.entry("gatt.dis.serial-number", "32 30 32 35 30 31 31 35"),
            Map.entry("gatt.dis.firmware-revision", "42 4C 50 30 30 38 5F 64 30 31 36"),
            Map.entry("gatt.dis.hardware-revision", "31 2E 30"),
            Map.entry("gatt.dis.software-revision", "32 2E 31"),
            Map.entry("gatt.dis.system-id", "0102030405 060708"),
            Map.entry("gatt.dis.regulatory-certification", "0002 000A 02 01 0001 07 02 02 0001 09"));

    @State(Scope.Benchmark)
    public static class DecodeState {
        @Param({"gatt.bps.measurement", "gatt.bps.intermediate-cuff-pressure", "gatt.bps.feature",
                "gatt.gls.measurement", "gatt.gls.measurement-context", "gatt.gls.feature", "gatt.racp",
                "gatt.hts.measurement", "gatt.hts.intermediate-temperature", "gatt.hts.temperature-type",
                "gatt.hts.measurement-interval", "gatt.wss.measurement", "gatt.wss.feature", "gatt.bcs.measurement",
                "gatt.bcs.feature", "gatt.plxs.spot-check", "gatt.plxs.continuous", "gatt.plxs.features",
                "gatt.cts.current-time", "gatt.common.datetime", "gatt.cts.local-time-information",
                "gatt.cts.time-zone", "gatt.cts.dst-offset", "gatt.bas.battery-level", "gatt.dis.manufacturer-name",
                "gatt.dis.model-number", "gatt.dis.serial-number", "gatt.dis.firmware-revision",
                "gatt.dis.hardware-revision", "gatt.dis.software-revision", "gatt.dis.system-id",
                "gatt.dis.regulatory-certification"})
        public String codec;

        Codec<?> c;
        Bytes value;

        @Setup
        public void setup() {
            c = CodecRegistry.standard().byId(codec).orElseThrow();
            value = Bytes.fromHex(VALUES.get(codec));
            if (!c.decode(value).isOk()) {
                throw new IllegalStateException("benchmark value does not decode: " + codec);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class MapState {
        @Param({"gatt.bps.measurement", "gatt.gls.measurement", "gatt.hts.measurement", "gatt.wss.measurement",
                "gatt.bcs.measurement", "gatt.plxs.spot-check", "gatt.plxs.continuous"})
        public String codec;

        Codec<?> c;
        Bytes value;

        @Setup
        public void setup() {
            c = CodecRegistry.standard().byId(codec).orElseThrow();
            value = Bytes.fromHex(VALUES.get(codec));
            if (!c.decodeAndMap(value).isOk()) {
                throw new IllegalStateException("benchmark value does not map: " + codec);
            }
        }
    }

    @Benchmark
    public Decoded<?> decode(DecodeState s) {
        return s.c.decode(s.value);
    }

    @Benchmark
    public Decoded<MappedReading> decodeAndMap(MapState s) {
        return s.c.decodeAndMap(s.value);
    }
}
