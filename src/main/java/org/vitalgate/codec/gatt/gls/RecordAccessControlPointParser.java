package org.vitalgate.codec.gatt.gls;

import java.util.Optional;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteReader;
import org.vitalgate.codec.CharacteristicParser;
import org.vitalgate.codec.Decoded;
import org.vitalgate.codec.Lengths;
import org.vitalgate.reading.Bytes;

/**
 * Record Access Control Point, UUID 0x2A52 (Glucose Service 1.0 RACP; GSS "Record Access Control Point").
 * Decodes responses (0x05 number of stored records: {@code 05 00 LL HH}; 0x06 response code:
 * {@code 06 00 <request op> <code>}) and requests (0x01..0x04), so requests round-trip. Responses must use the
 * Null operator and exact lengths; the spec's uint16 count is required (no 1- or 4-octet counts). Combined
 * report (0x07/0x08) is unsupported; other op codes are reserved. Stateless; thread-safe.
 */
public final class RecordAccessControlPointParser implements CharacteristicParser<RacpMessage> {
    @Override
    public Decoded<RacpMessage> parse(Bytes value) {
        Optional<Decoded<RacpMessage>> bad = Lengths.atLeast(value, 2);
        if (bad.isPresent()) {
            return bad.get();
        }
        ByteReader in = new ByteReader(value);
        int op = in.u8();
        int operator = in.u8();
        switch (op) {
            case RacpMessage.NUMBER_OF_STORED_RECORDS_RESPONSE:
            case RacpMessage.RESPONSE_CODE:
                if (operator != RacpMessage.OPERATOR_NULL) {
                    return Decoded.malformed("response with operator 0x" + Integer.toHexString(operator)
                            + " (must be Null)", 1, value);
                }
                bad = Lengths.fixed(value, 4);
                if (bad.isPresent()) {
                    return bad.get();
                }
                if (op == RacpMessage.NUMBER_OF_STORED_RECORDS_RESPONSE) {
                    return Decoded.ok(new RacpMessage.NumberOfStoredRecords(in.u16()));
                }
                int request = in.u8();
                int code = in.u8();
                return Decoded.ok(new RacpMessage.Response(request, code, RacpMessage.ResponseCode.of(code)));
            case RacpMessage.ABORT_OPERATION:
                if (operator != RacpMessage.OPERATOR_NULL) {
                    return Decoded.malformed("abort with operator 0x" + Integer.toHexString(operator), 1, value);
                }
                bad = Lengths.fixed(value, 2);
                return bad.isPresent() ? bad.get() : Decoded.ok(new RacpMessage.Request(op, operator,
                        OptionalInt.empty(), Bytes.empty()));
            case RacpMessage.REPORT_STORED_RECORDS:
            case RacpMessage.DELETE_STORED_RECORDS:
            case RacpMessage.REPORT_NUMBER_OF_STORED_RECORDS:
                return request(in, op, operator);
            case 0x07:
            case 0x08:
                return Decoded.unsupported("RACP combined report (op code 0x0" + op + ")", value);
            default:
                return Decoded.malformed("reserved RACP op code 0x" + Integer.toHexString(op), 0, value);
        }
    }

    private static Decoded<RacpMessage> request(ByteReader in, int op, int operator) {
        Bytes value = in.value();
        switch (operator) {
            case RacpMessage.OPERATOR_ALL:
            case RacpMessage.OPERATOR_FIRST:
            case RacpMessage.OPERATOR_LAST: {
                Optional<Decoded<RacpMessage>> bad = Lengths.fixed(value, 2);
                return bad.isPresent() ? bad.get()
                        : Decoded.ok(new RacpMessage.Request(op, operator, OptionalInt.empty(), Bytes.empty()));
            }
            case RacpMessage.OPERATOR_LESS_OR_EQUAL:
            case RacpMessage.OPERATOR_GREATER_OR_EQUAL:
            case RacpMessage.OPERATOR_WITHIN_RANGE: {
                if (!in.has(1)) {
                    return in.malformed("short value: operator needs a filter type");
                }
                int filter = in.u8();
                int operands = operator == RacpMessage.OPERATOR_WITHIN_RANGE ? 2 : 1;
                if (filter == RacpMessage.FILTER_SEQUENCE_NUMBER) {
                    Optional<Decoded<RacpMessage>> bad = Lengths.fixed(value, 3 + 2 * operands);
                    if (bad.isPresent()) {
                        return bad.get();
                    }
                } else if (!in.has(1)) {
                    return in.malformed("short value: filter needs an operand");
                }
                return Decoded.ok(new RacpMessage.Request(op, operator, OptionalInt.of(filter), in.rest()));
            }
            default:
                return Decoded.malformed("invalid RACP operator 0x" + Integer.toHexString(operator) + " for op code 0x"
                        + Integer.toHexString(op), 1, value);
        }
    }
}
