package org.vitalgate.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.vitalgate.codec.TrailingOctets;

/**
 * Turns one parsed YAML document into a {@link DeviceProfile}, collecting every error instead of stopping at the
 * first. Confined to the calling thread (one instance per document).
 */
final class ProfileParser {
    static final int SCHEMA_VERSION = 1;
    private static final Set<String> TOP = Set.of("schema", "id", "manufacturer", "model", "transport", "match",
            "bonding", "onConnect", "characteristics", "quirks", "notes");
    private static final Set<String> MATCH = Set.of("advertisedNamePrefix", "advertisedNamePattern", "serviceUuids",
            "manufacturerId");
    private static final Set<String> CHAR = Set.of("uuid", "service", "mode", "codec");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern SHORT_UUID = Pattern.compile("(?i)(0x)?([0-9a-f]{4}|[0-9a-f]{8})");
    private static final Pattern LONG_UUID =
            Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String source;
    private final Set<String> knownCodecs;
    private final List<String> errors = new ArrayList<>();

    ProfileParser(String source, Set<String> knownCodecs) {
        this.source = source;
        this.knownCodecs = knownCodecs;
    }

    List<String> errors() {
        return errors;
    }

    private void error(String where, String message) {
        errors.add(source + ": " + where + ": " + message);
    }

    /** The profile, or empty if any error was found (see {@link #errors()}). */
    Optional<DeviceProfile> parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            error("document", "expected a mapping at the top level");
            return Optional.empty();
        }
        unknownKeys(root, TOP, "");
        int schema = root.path("schema").asInt(-1);
        if (!root.path("schema").isInt() || schema != SCHEMA_VERSION) {
            error("schema", "unsupported schema version " + root.path("schema") + " (expected " + SCHEMA_VERSION
                    + ")");
        }
        String id = text(root, "id", true);
        if (id != null && !ID.matcher(id).matches()) {
            error("id", "'" + id + "' must be lower-case words joined by '-'");
        }
        String manufacturer = text(root, "manufacturer", true);
        String model = text(root, "model", true);
        String transport = text(root, "transport", true);
        if (transport != null && !transport.equals("ble")) {
            error("transport", "unsupported transport '" + transport + "' (only ble)");
        }
        BleMatch match = match(root.path("match"));
        Bonding bonding = enumValue(root, "bonding", Bonding.class, Bonding.NONE);
        List<CharacteristicSpec> chars = characteristics(root.path("characteristics"));
        List<ConnectAction> actions = actions(root.path("onConnect"), chars);
        Quirks quirks = quirks(root.path("quirks"));
        Optional<String> notes = Optional.ofNullable(text(root, "notes", false));
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceProfile(schema, id, manufacturer, model, transport, match, bonding, actions,
                chars, quirks, notes));
    }

    private void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                error(where.isEmpty() ? k : where + "." + k, "unknown key (allowed: " + new java.util.TreeSet<>(allowed)
                        + ")");
            }
        }
    }

    private String text(JsonNode node, String key, boolean required) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                error(key, "missing");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            error(key, "expected non-empty text");
            return null;
        }
        return v.asText();
    }

    private <E extends Enum<E>> E enumValue(JsonNode node, String key, Class<E> type, E dflt) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        String name = v.asText().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                allowed.add(c.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            error(key, "'" + v.asText() + "' is not one of " + allowed);
            return dflt;
        }
    }

    /** Accepts 16-bit numbers (YAML {@code 0x2A35} or {@code 10805}) and text in 16/32/128-bit form. */
    String uuid(JsonNode v, String where) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            error(where, "missing UUID");
            return null;
        }
        if (v.isIntegralNumber()) {
            int n = v.asInt();
            if (n < 0 || n > 0xFFFF) {
                error(where, "16-bit UUID out of range: " + v);
                return null;
            }
            return String.format(Locale.ROOT, "0000%04x-0000-1000-8000-00805f9b34fb", n);
        }
        String s = v.asText().trim();
        var m = SHORT_UUID.matcher(s);
        if (v.isTextual() && m.matches()) {
            String hex = m.group(2).toLowerCase(Locale.ROOT);
            return (hex.length() == 4 ? "0000" + hex : hex) + "-0000-1000-8000-00805f9b34fb";
        }
        if (v.isTextual() && LONG_UUID.matcher(s).matches()) {
            return s.toLowerCase(Locale.ROOT);
        }
        error(where, "not a Bluetooth UUID: " + v);
        return null;
    }

    private BleMatch match(JsonNode m) {
        if (!m.isObject()) {
            error("match", "missing (advertisedNamePrefix, advertisedNamePattern, serviceUuids, manufacturerId)");
            return new BleMatch(Optional.empty(), Optional.empty(), Set.of(), OptionalInt.empty());
        }
        unknownKeys(m, MATCH, "match");
        Optional<String> prefix = Optional.ofNullable(text(m, "advertisedNamePrefix", false));
        Optional<Pattern> pattern = Optional.empty();
        String p = text(m, "advertisedNamePattern", false);
        if (p != null) {
            try {
                pattern = Optional.of(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                error("match.advertisedNamePattern", "bad regular expression: " + e.getDescription());
            }
        }
        Set<String> uuids = new LinkedHashSet<>();
        JsonNode list = m.path("serviceUuids");
        if (!list.isMissingNode()) {
            if (!list.isArray()) {
                error("match.serviceUuids", "expected a list");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    String u = uuid(list.get(i), "match.serviceUuids[" + i + "]");
                    if (u != null) {
                        uuids.add(u);
                    }
                }
            }
        }
        OptionalInt manufacturer = OptionalInt.empty();
        JsonNode mid = m.get("manufacturerId");
        if (mid != null) {
            if (!mid.isIntegralNumber() || mid.asInt() < 0 || mid.asInt() > 0xFFFF) {
                error("match.manufacturerId", "expected a 16-bit company id, got " + mid);
            } else {
                manufacturer = OptionalInt.of(mid.asInt());
            }
        }
        if (prefix.isEmpty() && p == null && uuids.isEmpty() && mid == null) {
            error("match", "needs at least one criterion");
        }
        return new BleMatch(prefix, pattern, uuids, manufacturer);
    }

    private List<CharacteristicSpec> characteristics(JsonNode list) {
        List<CharacteristicSpec> out = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            error("characteristics", "expected a non-empty list");
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String where = "characteristics[" + i + "]";
            if (!c.isObject()) {
                error(where, "expected a mapping");
                continue;
            }
            unknownKeys(c, CHAR, where);
            String uuid = uuid(c.get("uuid"), where + ".uuid");
            Optional<String> service = c.has("service")
                    ? Optional.ofNullable(uuid(c.get("service"), where + ".service")) : Optional.empty();
            Set<CharacteristicSpec.Mode> modes = modes(c.get("mode"), where + ".mode");
            Optional<String> codec = Optional.ofNullable(text(c, "codec", false));
            codec.filter(id -> !knownCodecs.contains(id))
                    .ifPresent(id -> error(where + ".codec", "unknown codec id '" + id + "'"));
            boolean control = modes.contains(CharacteristicSpec.Mode.WRITE)
                    || "00002a52-0000-1000-8000-00805f9b34fb".equals(uuid);
            if (!modes.isEmpty() && !control && codec.isEmpty()) {
                error(where + ".codec", "a characteristic that delivers data needs a codec");
            }
            if (uuid != null && !seen.add(uuid)) {
                error(where + ".uuid", "characteristic listed twice");
            }
            if (uuid != null && !modes.isEmpty()) {
                out.add(new CharacteristicSpec(uuid, service, modes, codec));
            }
        }
        return out;
    }

    private Set<CharacteristicSpec.Mode> modes(JsonNode v, String where) {
        Set<CharacteristicSpec.Mode> out = java.util.EnumSet.noneOf(CharacteristicSpec.Mode.class);
        if (v == null || v.isNull()) {
            error(where, "missing (notify, indicate, read, write, or a list of them)");
            return out;
        }
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(items::add);
        } else {
            items.add(v);
        }
        for (JsonNode item : items) {
            try {
                out.add(CharacteristicSpec.Mode.valueOf(item.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                error(where, "'" + item.asText() + "' is not one of [notify, indicate, read, write]");
            }
        }
        if (out.isEmpty() && errors.stream().noneMatch(x -> x.contains(where))) {
            error(where, "empty");
        }
        return out;
    }

    private List<ConnectAction> actions(JsonNode list, List<CharacteristicSpec> chars) {
        List<ConnectAction> out = new ArrayList<>();
        if (list.isMissingNode()) {
            return out;
        }
        if (!list.isArray()) {
            error("onConnect", "expected a list of actions");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            String where = "onConnect[" + i + "]";
            if (!a.isObject() || a.size() != 1) {
                error(where, "expected exactly one of setClock, readClock, subscribe, read, racpFetch");
                continue;
            }
            String kind = a.fieldNames().next();
            JsonNode arg = a.get(kind);
            switch (kind) {
                case "setClock" -> {
                    unknownKeys(arg, Set.of("uuid", "format"), where + ".setClock");
                    String uuid = declared(uuid(arg.get("uuid"), where + ".setClock.uuid"), chars,
                            where + ".setClock", CharacteristicSpec.Mode.WRITE);
                    ClockFormat format = enumValue(arg, "format", ClockFormat.class, null);
                    if (!arg.has("format")) {
                        error(where + ".setClock.format", "missing (date-time, current-time, contour-utc-with-offset)");
                    }
                    if (uuid != null && format != null) {
                        out.add(new ConnectAction.SetClock(uuid, format));
                    }
                }
                case "readClock" -> {
                    String uuid = declared(uuid(arg, where + ".readClock"), chars, where + ".readClock",
                            CharacteristicSpec.Mode.READ);
                    Optional<String> codec = chars.stream().filter(c -> c.uuid().equals(uuid)).findFirst()
                            .flatMap(CharacteristicSpec::codec);
                    if (uuid != null && (codec.isEmpty() || !ConnectAction.ReadClock.CLOCK_CODECS.contains(codec.get()))) {
                        error(where + ".readClock", uuid + " is not decoded as a clock (codec one of "
                                + new java.util.TreeSet<>(ConnectAction.ReadClock.CLOCK_CODECS) + ")");
                    } else if (uuid != null && out.stream().anyMatch(x -> x instanceof ConnectAction.Subscribe sub
                            && sub.uuids().contains(uuid))) {
                        error(where + ".readClock", uuid + " is read after being subscribed to; read it first");
                    } else if (uuid != null) {
                        out.add(new ConnectAction.ReadClock(uuid));
                    }
                }
                case "subscribe", "read" -> {
                    List<String> uuids = new ArrayList<>();
                    if (!arg.isArray() || arg.isEmpty()) {
                        error(where + "." + kind, "expected a non-empty list of UUIDs");
                    } else {
                        for (int j = 0; j < arg.size(); j++) {
                            String u = uuid(arg.get(j), where + "." + kind + "[" + j + "]");
                            CharacteristicSpec.Mode need = kind.equals("read") ? CharacteristicSpec.Mode.READ : null;
                            u = declared(u, chars, where + "." + kind + "[" + j + "]", need);
                            if (u != null) {
                                uuids.add(u);
                            }
                        }
                    }
                    if (kind.equals("read")) {
                        // BlueZ reports a read's value through the same PropertiesChanged(Value) signal as a
                        // notification: reading a subscribed characteristic would deliver the value twice
                        for (String u : uuids) {
                            if (out.stream().anyMatch(x -> x instanceof ConnectAction.Subscribe sub
                                    && sub.uuids().contains(u))) {
                                error(where + ".read", u + " is read after being subscribed to; read it first");
                            }
                        }
                        out.add(new ConnectAction.ReadOnce(uuids));
                    } else {
                        out.add(new ConnectAction.Subscribe(uuids));
                    }
                }
                case "racpFetch" -> {
                    unknownKeys(arg, Set.of("controlPoint"), where + ".racpFetch");
                    String cp = declared(uuid(arg.get("controlPoint"), where + ".racpFetch.controlPoint"), chars,
                            where + ".racpFetch", null);
                    boolean subscribed = out.stream().anyMatch(
                            x -> x instanceof ConnectAction.Subscribe sub && sub.uuids().contains(cp));
                    if (cp != null && !subscribed) {
                        error(where + ".racpFetch", "subscribe to the control point " + cp + " first (RACP "
                                + "writes fail while its indications are off)");
                    } else if (cp != null) {
                        out.add(new ConnectAction.RacpFetch(cp));
                    }
                }
                default -> error(where, "unknown action '" + kind + "' (setClock, readClock, subscribe, read, racpFetch)");
            }
        }
        return out;
    }

    /** The UUID if the profile lists it in {@code characteristics} (with {@code mode} if given), else an error. */
    private String declared(String uuid, List<CharacteristicSpec> chars, String where, CharacteristicSpec.Mode mode) {
        if (uuid == null) {
            return null;
        }
        Optional<CharacteristicSpec> spec = chars.stream().filter(c -> c.uuid().equals(uuid)).findFirst();
        if (spec.isEmpty()) {
            error(where, uuid + " is not listed under characteristics");
            return null;
        }
        if (mode != null && !spec.get().has(mode)) {
            error(where, uuid + " is not listed with mode " + mode.name().toLowerCase(Locale.ROOT));
            return null;
        }
        if (mode == null && where.contains("subscribe") && !spec.get().subscribable()) {
            error(where, uuid + " is not a notify/indicate characteristic");
            return null;
        }
        return uuid;
    }

    private Quirks quirks(JsonNode q) {
        if (q.isMissingNode()) {
            return Quirks.none();
        }
        if (!q.isObject()) {
            error("quirks", "expected a mapping of quirk name → true/false (trailingOctets → reject/ignore)");
            return Quirks.none();
        }
        Set<String> on = new HashSet<>();
        TrailingOctets trailing = TrailingOctets.REJECT;
        for (Iterator<String> it = q.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equals(Quirks.TRAILING_OCTETS)) {
                String v = q.get(k).isTextual() ? q.get(k).asText() : "";
                if (v.equals("ignore")) {
                    trailing = TrailingOctets.IGNORE;
                } else if (!v.equals("reject")) {
                    error("quirks." + k, "expected reject or ignore");
                }
            } else if (!Quirks.NAMES.contains(k)) {
                error("quirks." + k, "unknown quirk (known: " + Quirks.NAMES + ", " + Quirks.TRAILING_OCTETS + ")");
            } else if (!q.get(k).isBoolean()) {
                error("quirks." + k, "expected true or false");
            } else if (q.get(k).asBoolean()) {
                on.add(k);
            }
        }
        return Quirks.of(on, trailing);
    }
}
