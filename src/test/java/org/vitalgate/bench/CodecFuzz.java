package org.vitalgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.vitalgate.codec.Codec;
import org.vitalgate.codec.CodecRegistry;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.gatt.bcs.BodyCompositionAssembler;
import org.vitalgate.reading.Bytes;

/**
 * Fuzzes every registered decoder (decode and decode+map) and the body-composition assembler with random
 * inputs: half random bytes of random length 0..64, half mutations of the valid vectors in
 * {@code vectors/gatt} (bit flips, byte overwrites, truncation, extension, insertion, deletion, flag-byte
 * changes). Any exception is a failure and its codec and hex are printed. Usage:
 * {@code CodecFuzz [inputs=10000000] [seed=1]}; exits 1 when anything threw.
 */
public final class CodecFuzz {
    private CodecFuzz() {
    }

    record Seed(Codec<?> codec, byte[] value) {
    }

    public static void main(String[] args) throws Exception {
        long inputs = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        CodecRegistry registry = CodecRegistry.standard();
        List<Codec<?>> codecs = registry.codecs();
        List<Seed> seeds = loadSeeds(registry);
        SplittableRandom rnd = new SplittableRandom(seed);
        long ok = 0;
        long malformed = 0;
        long unsupported = 0;
        long mappedOk = 0;
        long failures = 0;
        long random = 0;
        long mutated = 0;
        BodyCompositionAssembler assembler = new BodyCompositionAssembler();
        long start = System.nanoTime();
        for (long i = 0; i < inputs; i++) {
            Codec<?> codec;
            byte[] v;
            if ((i & 1) == 0) {
                codec = codecs.get(rnd.nextInt(codecs.size()));
                v = new byte[rnd.nextInt(65)];
                for (int k = 0; k < v.length; k++) {
                    v[k] = (byte) rnd.nextInt(256);
                }
                random++;
            } else {
                Seed s = seeds.get(rnd.nextInt(seeds.size()));
                codec = rnd.nextInt(10) == 0 ? codecs.get(rnd.nextInt(codecs.size())) : s.codec();
                v = mutate(s.value(), rnd);
                mutated++;
            }
            Bytes b = Bytes.of(v);
            try {
                Decoded<?> d = codec.decode(b);
                if (d instanceof Decoded.Ok) {
                    ok++;
                } else if (d instanceof Decoded.Malformed<?> m) {
                    malformed++;
                    if (m.offset() < 0 || m.offset() > v.length) {
                        throw new IllegalStateException("malformed offset " + m.offset() + " outside 0.." + v.length);
                    }
                } else {
                    unsupported++;
                }
                if (codec.isMeasurement() && codec.decodeAndMap(b).isOk()) {
                    mappedOk++;
                }
                if (codec.id().equals("gatt.bcs.measurement")) {
                    assembler.push(b);
                }
            } catch (Throwable t) {
                failures++;
                if (failures <= 20) {
                    System.out.println("FAILURE " + codec.id() + " hex=" + b.hex() + " : " + t);
                }
            }
        }
        assembler.flush();
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("inputs=%d (random=%d mutated=%d) seeds=%d codecs=%d seed=%d%n", inputs, random, mutated,
                seeds.size(), codecs.size(), seed);
        System.out.printf("ok=%d malformed=%d unsupported=%d mappedOk=%d%n", ok, malformed, unsupported, mappedOk);
        System.out.printf("exceptions=%d elapsed=%.1fs (%.0f inputs/s)%n", failures, secs, inputs / secs);
        System.exit(failures == 0 ? 0 : 1);
    }

    static byte[] mutate(byte[] in, SplittableRandom rnd) {
        byte[] v = in.clone();
        int ops = 1 + rnd.nextInt(3);
        for (int o = 0; o < ops; o++) {
            switch (rnd.nextInt(7)) {
                case 0 -> {
                    if (v.length > 0) {
                        int at = rnd.nextInt(v.length);
                        v[at] ^= (byte) (1 << rnd.nextInt(8));
                    }
                }
                case 1 -> {
                    if (v.length > 0) {
                        v[rnd.nextInt(v.length)] = (byte) rnd.nextInt(256);
                    }
                }
                case 2 -> v = java.util.Arrays.copyOf(v, v.length == 0 ? 0 : rnd.nextInt(v.length));
                case 3 -> {
                    byte[] w = java.util.Arrays.copyOf(v, v.length + 1 + rnd.nextInt(8));
                    for (int k = v.length; k < w.length; k++) {
                        w[k] = (byte) rnd.nextInt(256);
                    }
                    v = w;
                }
                case 4 -> {
                    int at = rnd.nextInt(v.length + 1);
                    byte[] w = new byte[v.length + 1];
                    System.arraycopy(v, 0, w, 0, at);
                    w[at] = (byte) rnd.nextInt(256);
                    System.arraycopy(v, at, w, at + 1, v.length - at);
                    v = w;
                }
                case 5 -> {
                    if (v.length > 0) {
                        int at = rnd.nextInt(v.length);
                        byte[] w = new byte[v.length - 1];
                        System.arraycopy(v, 0, w, 0, at);
                        System.arraycopy(v, at + 1, w, at, v.length - at - 1);
                        v = w;
                    }
                }
                default -> {
                    if (v.length > 0) {
                        v[0] = (byte) rnd.nextInt(256); // flags byte
                    }
                }
            }
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static List<Seed> loadSeeds(CodecRegistry registry) throws Exception {
        Path dir = Path.of(CodecFuzz.class.getResource("/vectors/gatt").toURI());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Seed> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> doc = yaml.readValue(f.toFile(), Map.class);
                Codec<?> codec = registry.byId((String) doc.get("codec")).orElseThrow();
                for (Map<String, Object> c : (List<Map<String, Object>>) doc.get("cases")) {
                    List<Object> hexes = new ArrayList<>();
                    if (c.get("packets") instanceof List<?> packets) {
                        hexes.addAll(packets);
                    } else {
                        hexes.add(c.get("hex"));
                    }
                    for (Object h : hexes) {
                        String hex = h instanceof List<?> parts ? String.join(" ", parts.stream().map(String::valueOf).toList())
                                : String.valueOf(h == null ? "" : h);
                        seeds.add(new Seed(codec, Bytes.fromHex(hex).toByteArray()));
                    }
                }
            }
        }
        return seeds;
    }
}
