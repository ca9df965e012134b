package dev.hydra.it.reliability;

import dev.hydra.postgres.PostgresDatabase;
import dev.hydra.postgres.internal.FloatBytes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * What of some users one PostgreSQL schema still holds, read below the stores: every row version of every table,
 * live or dead, through the {@code pg_dirtyread} extension (Debian's {@value #PACKAGE}; without it, live rows only,
 * and the figures say so), searched for canaries and for the users' vectors; and every item of every page of every
 * B-tree index ({@code pageinspect}) searched for the users' ids, entries and separator keys apart.
 *
 * @param canaries the canaries found in any column of any row version
 * @param vectors how many of the given vectors a row version holds (a vector given twice counts twice)
 * @param indexItems how many index entries (leaf items that point at rows) hold one of the given user ids
 * @param separatorKeys how many separator keys (leaf pages' high keys, inner pages' pivots: bounds of key ranges,
 *     which no row needs and PostgreSQL keeps until a page is deleted or the index rebuilt) hold one
 * @param rowVersions how many row versions were read
 * @param deadRowsRead whether dead row versions were read too ({@code pg_dirtyread} installed)
 */
record DatabaseScan(Set<String> canaries, int vectors, long indexItems, long separatorKeys, long rowVersions,
        boolean deadRowsRead) {

    /** The Debian package of the extension that reads dead row versions. */
    static final String PACKAGE = "postgresql-15-dirtyread";

    /**
     * Scans a schema.
     *
     * @param db the schema's pool
     * @param canaries the canaries to look for
     * @param vectors the vectors to look for
     * @param userIds the user ids to look for in the indexes
     * @return what was found
     */
    static DatabaseScan scan(PostgresDatabase db, Set<String> canaries, List<float[]> vectors,
            Collection<String> userIds) {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            boolean dirty = extensions(st);
            Set<String> vectorHex = new LinkedHashSet<>();
            for (float[] v : vectors) {
                vectorHex.add(HexFormat.of().formatHex(FloatBytes.encode(v)));
            }
            Set<String> found = new LinkedHashSet<>();
            Set<String> vectorsFound = new LinkedHashSet<>();
            long rows = 0;
            for (Map.Entry<String, List<String[]>> table : tables(st, db.schema()).entrySet()) {
                rows += scanTable(st, db.schema(), table.getKey(), table.getValue(), dirty, canaries, found,
                        vectorHex, vectorsFound);
            }
            long[] items = indexItems(st, db.schema(), userIds);
            // counted as the vectors were given: two items may have one vector
            int vectorsSeen = (int) vectors.stream()
                    .filter(v -> vectorsFound.contains(HexFormat.of().formatHex(FloatBytes.encode(v)))).count();
            return new DatabaseScan(found, vectorsSeen, items[0], items[1], rows, dirty);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot scan " + db.location() + ": " + e.getMessage(), e);
        }
    }

    /** Creates the extensions when available; whether pg_dirtyread is. */
    private static boolean extensions(Statement st) throws SQLException {
        st.execute("CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public");
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_available_extensions WHERE name = "
                + "'pg_dirtyread'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return false;
            }
        }
        st.execute("CREATE EXTENSION IF NOT EXISTS pg_dirtyread SCHEMA public");
        return true;
    }

    /** The schema's tables and their columns (name, type). */
    private static Map<String, List<String[]>> tables(Statement st, String schema) throws SQLException {
        Map<String, List<String[]>> tables = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON "
                + "a.attrelid = c.oid WHERE n.nspname = '" + schema + "' AND c.relkind = 'r' AND a.attnum > 0 AND "
                + "NOT a.attisdropped ORDER BY c.relname, a.attnum")) {
            while (rs.next()) {
                tables.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return tables;
    }

    private static long scanTable(Statement st, String schema, String table, List<String[]> columns, boolean dirty,
            Set<String> canaries, Set<String> found, Set<String> vectorHex, Set<String> vectorsFound)
            throws SQLException {
        List<String> defs = new ArrayList<>();
        List<String> selects = new ArrayList<>();
        for (String[] column : columns) {
            String name = '"' + column[0] + '"';
            defs.add(name + " " + column[1]);
            selects.add(column[1].equals("bytea") ? "encode(t." + name + ", 'hex')" : "t." + name + "::text");
        }
        String from = dirty ? "public.pg_dirtyread('" + schema + "." + table + "') AS t(" + String.join(", ", defs)
                + ")" : schema + "." + table + " t";
        long rows = 0;
        try (ResultSet rs = st.executeQuery("SELECT " + String.join(", ", selects) + " FROM " + from)) {
            while (rs.next()) {
                rows++;
                for (int i = 0; i < columns.size(); i++) {
                    String value = rs.getString(i + 1);
                    if (value == null) {
                        continue;
                    }
                    if (columns.get(i)[1].equals("bytea")) {
                        if (vectorHex.contains(value)) {
                            vectorsFound.add(value);
                        }
                        value = new String(HexFormat.of().parseHex(value), StandardCharsets.ISO_8859_1);
                    }
                    Matcher m = CanaryHistory.CANARY.matcher(value);
                    while (m.find()) {
                        if (canaries.contains(m.group())) {
                            found.add(m.group());
                        }
                    }
                }
            }
        }
        return rows;
    }

    /**
     * The entries and the separator keys of the schema's B-tree indexes that hold one of the user ids (their UTF-8,
     * in hex).
     */
    private static long[] indexItems(Statement st, String schema, Collection<String> userIds) throws SQLException {
        List<String> hex = userIds.stream()
                .map(u -> HexFormat.of().formatHex(u.getBytes(StandardCharsets.UTF_8))).toList();
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
                + "c.relnamespace JOIN pg_am am ON am.oid = c.relam WHERE n.nspname = '" + schema + "' AND "
                + "c.relkind = 'i' AND am.amname = 'btree'")) {
            while (rs.next()) {
                indexes.add(rs.getString(1));
            }
        }
        long[] items = new long[2];
        for (String index : indexes) {
            String rel = schema + "." + index;
            try (PreparedStatement ps = st.getConnection().prepareStatement("SELECT replace(i.data, ' ', ''), "
                    + "s.type = 'l' AND NOT (i.itemoffset = 1 AND s.btpo_next <> 0) FROM generate_series(1, "
                    + "(pg_relation_size('" + rel + "') / 8192)::int - 1) b, LATERAL public.bt_page_stats('" + rel
                    + "', b) s, LATERAL public.bt_page_items('" + rel + "', b) i");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String data = rs.getString(1);
                    if (data != null && hex.stream().anyMatch(data::contains)) {
                        items[rs.getBoolean(2) ? 0 : 1]++;
                    }
                }
            }
        }
        return items;
    }
}
