package dev.hydra.postgres.internal;

import dev.hydra.api.HistoryItem;
import dev.hydra.api.HydraException;
import dev.hydra.api.UserId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps history items to rows of {@code hydra_history_item} and back, every field exactly. */
public final class ItemRows {

    /** The columns {@link #read} expects, in order. */
    public static final String COLUMNS = "user_id, item_id, input, output, ts_seconds, ts_nanos, attr_names, attr_values";

    /** Inserts an item, or replaces the one of the same user and id. */
    public static final String UPSERT = "INSERT INTO hydra_history_item (" + COLUMNS + ", encoder_id, vector)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id, item_id) DO UPDATE SET"
            + " input = EXCLUDED.input, output = EXCLUDED.output, ts_seconds = EXCLUDED.ts_seconds,"
            + " ts_nanos = EXCLUDED.ts_nanos, attr_names = EXCLUDED.attr_names, attr_values = EXCLUDED.attr_values,"
            + " encoder_id = EXCLUDED.encoder_id, vector = EXCLUDED.vector";

    private ItemRows() {}

    /**
     * Checks that PostgreSQL can keep an item's texts: its {@code text} type holds no NUL character.
     *
     * @param item the item
     * @throws HydraException naming the item and the field when a text holds a NUL character
     */
    public static void checkStorable(HistoryItem item) {
        List<String> fields = new ArrayList<>();
        if (item.input().indexOf('\0') >= 0) {
            fields.add("input");
        }
        if (item.output().indexOf('\0') >= 0) {
            fields.add("output");
        }
        item.attributes().forEach((k, v) -> {
            if (k.indexOf('\0') >= 0 || v.indexOf('\0') >= 0) {
                fields.add("attribute " + k.replace('\0', '?'));
            }
        });
        if (!fields.isEmpty()) {
            throw new HydraException(
                    "item " + item.id() + " of user " + item.userId() + " holds a NUL character in its "
                            + String.join(", ", fields) + ", which PostgreSQL's text cannot keep; nothing was stored."
                            + " Remove NUL characters before adding the item");
        }
    }

    /**
     * Binds an item to {@link #UPSERT}.
     *
     * @param c the connection (for the arrays)
     * @param ps the statement
     * @param item the item
     * @param encoderId the encoder of the vector, or null
     * @param vector the vector, or null
     * @throws SQLException when binding fails
     */
    public static void bind(Connection c, PreparedStatement ps, HistoryItem item, String encoderId, float[] vector)
            throws SQLException {
        ps.setString(1, item.userId().value());
        ps.setString(2, item.id());
        ps.setString(3, item.input());
        ps.setString(4, item.output());
        ps.setLong(5, item.timestamp().getEpochSecond());
        ps.setInt(6, item.timestamp().getNano());
        String[] names = item.attributes().keySet().stream().sorted().toArray(String[]::new);
        String[] values = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = item.attributes().get(names[i]);
        }
        ps.setArray(7, c.createArrayOf("text", names));
        ps.setArray(8, c.createArrayOf("text", values));
        ps.setString(9, vector == null ? null : encoderId);
        ps.setBytes(10, vector == null ? null : FloatBytes.encode(vector));
    }

    /**
     * Reads the item of the current row, from the columns {@link #COLUMNS} at the start of the row.
     *
     * @param rs the result set, on a row
     * @return the item
     * @throws SQLException when reading fails
     */
    public static HistoryItem read(ResultSet rs) throws SQLException {
        String[] names = strings(rs.getArray(7));
        String[] values = strings(rs.getArray(8));
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            attributes.put(names[i], values[i]);
        }
        return new HistoryItem(rs.getString(2), UserId.of(rs.getString(1)), rs.getString(3), rs.getString(4),
                Instant.ofEpochSecond(rs.getLong(5), rs.getInt(6)), attributes);
    }

    private static String[] strings(Array array) throws SQLException {
        try {
            return (String[]) array.getArray();
        } finally {
            array.free();
        }
    }
}
