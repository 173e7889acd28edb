package org.vitalgate.codec.gatt.gls;

import java.util.Objects;
import java.util.OptionalInt;
import org.vitalgate.codec.ByteWriter;
import org.vitalgate.reading.Bytes;

/**
 * A Record Access Control Point (0x2A52) value: Op Code · Operator · Operand. Requests go client → server;
 * the two responses come back as indications. Every message encodes back to its exact bytes. Immutable.
 */
public sealed interface RacpMessage permits RacpMessage.Request, RacpMessage.NumberOfStoredRecords,
        RacpMessage.Response {

    int REPORT_STORED_RECORDS = 0x01;
    int DELETE_STORED_RECORDS = 0x02;
    int ABORT_OPERATION = 0x03;
    int REPORT_NUMBER_OF_STORED_RECORDS = 0x04;
    int NUMBER_OF_STORED_RECORDS_RESPONSE = 0x05;
    int RESPONSE_CODE = 0x06;

    int OPERATOR_NULL = 0x00;
    int OPERATOR_ALL = 0x01;
    int OPERATOR_LESS_OR_EQUAL = 0x02;
    int OPERATOR_GREATER_OR_EQUAL = 0x03;
    int OPERATOR_WITHIN_RANGE = 0x04;
    int OPERATOR_FIRST = 0x05;
    int OPERATOR_LAST = 0x06;

    int FILTER_SEQUENCE_NUMBER = 0x01;
    int FILTER_USER_FACING_TIME = 0x02;

    Bytes encode();

    /**
     * A request: op code 0x01 report, 0x02 delete, 0x03 abort or 0x04 report number; {@code filterType} is present
     * for operators 0x02..0x04 and {@code operand} holds the filter parameters (for sequence numbers one or two
     * uint16).
     */
    record Request(int opCode, int operator, OptionalInt filterType, Bytes operand) implements RacpMessage {
        public Request {
            Objects.requireNonNull(filterType, "filterType");
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public Bytes encode() {
            ByteWriter w = new ByteWriter().u8(opCode).u8(operator);
            filterType.ifPresent(w::u8);
            return w.bytes(operand).toBytes();
        }
    }

    /** Op code 0x05, operator Null, operand uint16 count. */
    record NumberOfStoredRecords(int count) implements RacpMessage {
        @Override
        public Bytes encode() {
            return new ByteWriter().u8(NUMBER_OF_STORED_RECORDS_RESPONSE).u8(OPERATOR_NULL).u16(count).toBytes();
        }
    }

    /** Op code 0x06, operator Null, operand = request op code + response code value. */
    record Response(int requestOpCode, int responseCode, ResponseCode meaning) implements RacpMessage {
        public Response {
            Objects.requireNonNull(meaning, "meaning");
        }

        @Override
        public Bytes encode() {
            return new ByteWriter().u8(RESPONSE_CODE).u8(OPERATOR_NULL).u8(requestOpCode).u8(responseCode).toBytes();
        }
    }

    /** RACP response code values; unassigned values are {@link #UNKNOWN} (the raw value is kept). */
    enum ResponseCode {
        UNKNOWN, SUCCESS, OP_CODE_NOT_SUPPORTED, INVALID_OPERATOR, OPERATOR_NOT_SUPPORTED, INVALID_OPERAND,
        NO_RECORDS_FOUND, ABORT_UNSUCCESSFUL, PROCEDURE_NOT_COMPLETED, OPERAND_NOT_SUPPORTED, SERVER_BUSY;

        public static ResponseCode of(int code) {
            return code >= 1 && code <= 10 ? values()[code] : UNKNOWN;
        }
    }
}
