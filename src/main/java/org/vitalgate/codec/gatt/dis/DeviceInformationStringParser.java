package org.vitalgate.codec.gatt.dis;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.reading.Bytes;

/**
 * Device Information strings, UUIDs 0x2A29 manufacturer, 0x2A24 model, 0x2A25 serial, 0x2A26 firmware,
 * 0x2A27 hardware, 0x2A28 software revision (Device Information Service 1.1; GSS "utf8s"). Invalid UTF-8 is
 * malformed; an empty string is valid. Stateless; thread-safe.
 */
public final class DeviceInformationStringParser implements CharacteristicParser<DeviceInformationString> {
    private final DeviceInformationString.Field field;

    public DeviceInformationStringParser(DeviceInformationString.Field field) {
        this.field = Objects.requireNonNull(field, "field");
    }

    @Override
    public Decoded<DeviceInformationString> parse(Bytes value) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return Decoded.malformed("invalid UTF-8", 0, value);
        }
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\0' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return Decoded.ok(new DeviceInformationString(field, text.substring(0, end), value));
    }
}
