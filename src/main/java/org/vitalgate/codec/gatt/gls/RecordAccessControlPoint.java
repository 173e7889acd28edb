package org.vitalgate.codec.gatt.gls;

import java.util.OptionalInt;
import org.vitalgate.codec.ByteWriter;
import org.vitalgate.codec.gatt.gls.RacpMessage.Request;
import org.vitalgate.reading.Bytes;

/**
 * The RACP requests the hub writes to 0x2A52 (Glucose Service 1.0 RACP; also used by PLXS spot-check
 * storage). Canonical bytes: all records {@code 01 01}; records with sequence ≥ N {@code 01 03 01 NN NN};
 * number of records {@code 04 01}; number ≥ N {@code 04 03 01 NN NN}; abort {@code 03 00}. Stateless.
 */
public final class RecordAccessControlPoint {
    private RecordAccessControlPoint() {
    }

    public static Request reportAllRecords() {
        return new Request(RacpMessage.REPORT_STORED_RECORDS, RacpMessage.OPERATOR_ALL, OptionalInt.empty(),
                Bytes.empty());
    }

    /** Records with sequence number ≥ {@code sequenceNumber} (0..65535); use last seen + 1 for "newer than". */
    public static Request reportRecordsFrom(int sequenceNumber) {
        return new Request(RacpMessage.REPORT_STORED_RECORDS, RacpMessage.OPERATOR_GREATER_OR_EQUAL,
                OptionalInt.of(RacpMessage.FILTER_SEQUENCE_NUMBER), new ByteWriter().u16(sequenceNumber).toBytes());
    }

    public static Request reportNumberOfAllRecords() {
        return new Request(RacpMessage.REPORT_NUMBER_OF_STORED_RECORDS, RacpMessage.OPERATOR_ALL, OptionalInt.empty(),
                Bytes.empty());
    }

    public static Request reportNumberOfRecordsFrom(int sequenceNumber) {
        return new Request(RacpMessage.REPORT_NUMBER_OF_STORED_RECORDS, RacpMessage.OPERATOR_GREATER_OR_EQUAL,
                OptionalInt.of(RacpMessage.FILTER_SEQUENCE_NUMBER), new ByteWriter().u16(sequenceNumber).toBytes());
    }

    public static Request abort() {
        return new Request(RacpMessage.ABORT_OPERATION, RacpMessage.OPERATOR_NULL, OptionalInt.empty(), Bytes.empty());
    }
}
