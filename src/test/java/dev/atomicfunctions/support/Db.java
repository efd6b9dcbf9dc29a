package dev.atomicfunctions.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Plain JDBC against the test database, for asserting what was really committed. */
public final class Db {

    /** Another database of the same server, for the work {@link #on} runs on this thread. */
    private static final ThreadLocal<String> OTHER_DATABASE = new ThreadLocal<>();

    private Db() {
    }

    /** @return a new connection to the test database (the caller closes it) */
    public static Connection connect() throws SQLException {
        Postgres postgres = TestDatabase.get();
        return DriverManager.getConnection(url(), postgres.username(), postgres.password());
    }

    /** @return the test database's JDBC URL, or that of the database {@link #on} names */
    public static String url() {
        String url = TestDatabase.get().url();
        String other = OTHER_DATABASE.get();
        return other == null ? url : url.replaceFirst("(//[^/]+/)[^?]+", "$1" + other);
    }

    /** Runs {@code work} (this class's and {@link Catalogue}'s statements) against another database of the server. */
    public static <T> T on(String database, Supplier<T> work) {
        OTHER_DATABASE.set(database);
        try {
            return work.get();
        } finally {
            OTHER_DATABASE.remove();
        }
    }

    /** @return a new connection to the test database as another role (a user in the URL would win over it) */
    public static Connection connectAs(String user, String password) throws SQLException {
        String url = url().replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return DriverManager.getConnection(url, user, password);
    }

    /** @return every row of the query, each as column name to value */
    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnName(c), value(rs.getObject(c)));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** SQL arrays become lists: they cannot be read once their connection is closed. */
    private static Object value(Object column) throws SQLException {
        return column instanceof Array array ? List.of((Object[]) array.getArray()) : column;
    }

    /** Runs a statement (DDL or DML) in its own auto-committed connection. */
    public static void execute(String sql) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** @return the number of rows the query counts */
    public static long count(String sql, Object... params) {
        return ((Number) rows(sql, params).getFirst().values().iterator().next()).longValue();
    }
}
