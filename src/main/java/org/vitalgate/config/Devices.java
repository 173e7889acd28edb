package org.vitalgate.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/** Reads the {@code devices:} list of provisioned devices. Stateless. */
final class Devices {
    private static final Pattern BT_ADDRESS = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");
    private static final Pattern SERIAL_PATH = Pattern.compile("/dev/[A-Za-z0-9._/+-]+");
    private static final Pattern PROFILE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Devices() {
    }

    static Values.Reader<String> patientKey() {
        return node -> {
            String k = Values.text().read(node);
            if (k.length() > 128) {
                throw new Values.Bad("must be at most 128 characters, got " + k.length());
            }
            return k;
        };
    }

    static List<ProvisionedDevice> read(Section top, List<YamlNode> items) {
        List<ProvisionedDevice> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>(); // address#slot → line of first assignment
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String path = "devices[" + i + "]";
            if (!(item instanceof YamlNode.Mapping map)) {
                top.problems().add(path, item.line(), "expected address, profileId and patientKey, got " + item.describe());
                continue;
            }
            Section s = new Section(path, map, top.problems(), item.line());
            Optional<String> address = s.required("address", node -> {
                String a = Values.text().read(node).trim();
                if (BT_ADDRESS.matcher(a).matches()) {
                    return a.toUpperCase(Locale.ROOT);
                }
                if (SERIAL_PATH.matcher(a).matches()) {
                    // said plainly rather than accepted: nothing would ever read from the port
                    throw new Values.Bad("USB serial devices are planned, not built yet; only Bluetooth addresses"
                            + " (AA:BB:CC:DD:EE:FF) can be assigned, got " + a);
                }
                throw new Values.Bad("must be a Bluetooth address AA:BB:CC:DD:EE:FF, got " + a);
            });
            Optional<String> profile = s.required("profileId", node -> {
                String p = Values.text().read(node);
                if (!PROFILE_ID.matcher(p).matches()) {
                    throw new Values.Bad("must be a profile id (letters, digits, . _ -), got " + p);
                }
                return p;
            });
            Optional<String> patient = s.required("patientKey", patientKey());
            Optional<Integer> slot = s.get("userSlot", Values.int32(0, 255));
            boolean badSlot = s.has("userSlot") && slot.isEmpty();
            s.finish();
            if (address.isPresent() && !badSlot) {
                String a = address.get();
                String key = a + "#" + slot.map(String::valueOf).orElse("*");
                Integer first = seen.get(key);
                if (first == null && slot.isEmpty()) {
                    first = seen.entrySet().stream().filter(e -> e.getKey().startsWith(a + "#"))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                if (first == null && slot.isPresent()) {
                    first = seen.get(a + "#*");
                }
                if (first != null) {
                    top.problems().add(path + ".address", s.lineOf("address"), "device " + a
                            + (slot.map(n -> " user slot " + n).orElse(""))
                            + " is already assigned at line " + first + "; assign each device (and user slot) once");
                } else {
                    seen.put(key, s.lineOf("address"));
                }
            }
            if (address.isPresent() && profile.isPresent() && patient.isPresent() && !badSlot) {
                out.add(new ProvisionedDevice(address.get(), profile.get(), patient.get(),
                        slot.map(OptionalInt::of).orElse(OptionalInt.empty())));
            }
        }
        return out;
    }
}
