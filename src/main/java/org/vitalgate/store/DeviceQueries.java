package org.vitalgate.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** SQL of the {@code devices} table. Confined to the store's monitor. */
final class DeviceQueries {
    private final Connection conn;

    DeviceQueries(Connection conn) {
        this.conn = conn;
    }

    void upsert(DeviceAssignment d) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("""
                INSERT INTO devices (address, profile_id, patient_key, user_slot, provisioned_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (address) DO UPDATE SET profile_id = excluded.profile_id,
                  patient_key = excluded.patient_key, user_slot = excluded.user_slot,
                  provisioned_at = excluded.provisioned_at""")) {
            ps.setString(1, d.address());
            ps.setString(2, d.profileId());
            ps.setString(3, d.patientKey());
            if (d.userSlot().isPresent()) {
                ps.setInt(4, d.userSlot().getAsInt());
            } else {
                ps.setNull(4, Types.INTEGER);
            }
            ps.setLong(5, d.provisionedAt().toEpochMilli());
            ps.executeUpdate();
        }
    }

    boolean delete(String address) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM devices WHERE address = ?")) {
            ps.setString(1, address);
            return ps.executeUpdate() > 0;
        }
    }

    List<DeviceAssignment> all() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT address, profile_id, patient_key, user_slot, provisioned_at FROM devices ORDER BY address");
             ResultSet rs = ps.executeQuery()) {
            List<DeviceAssignment> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        }
    }

    Optional<DeviceAssignment> find(String address) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT address, profile_id, patient_key, user_slot, provisioned_at FROM devices WHERE address = ?")) {
            ps.setString(1, address);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static DeviceAssignment row(ResultSet rs) throws SQLException {
        int slot = rs.getInt(4);
        OptionalInt userSlot = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(slot);
        return new DeviceAssignment(rs.getString(1), rs.getString(2), rs.getString(3), userSlot,
                Instant.ofEpochMilli(rs.getLong(5)));
    }
}
