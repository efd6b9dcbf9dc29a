package dev.atomicfunctions.dsql;

import dev.atomicfunctions.support.DsqlEmulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The emulation refuses what DSQL refuses (the PostgreSQL mode's own statements), and lets DSQL's forms through. */
class DsqlEmulationTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM product WHERE id IN (?) OR lower(sku) IN (?) ORDER BY id FOR UPDATE",
        "SELECT * FROM customer_order WHERE id = ? AND status = 'PLACED' FOR UPDATE SKIP LOCKED",
        "SELECT * FROM task WHERE order_id = ? FOR UPDATE",
        "SELECT * FROM outbox_event e WHERE e.published_at IS NULL LIMIT ? FOR UPDATE SKIP LOCKED",
        "SELECT o.* FROM customer_order o JOIN order_line l ON l.order_id = o.id WHERE o.id = ? FOR UPDATE",
        "INSERT INTO audit_entry (action) VALUES (?) RETURNING CAST(CAST(pg_current_xact_id() AS text) AS bigint)",
        "SELECT pg_xact_status(CAST(CAST(? AS text) AS xid8))",
        "SAVEPOINT s1",
        "TRUNCATE task"})
    void refusesWhatDsqlRefuses(String sql) {
        assertThat(DsqlEmulation.refusal("Connection.prepareStatement", new Object[] {sql})).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM customer_order WHERE id = ? AND owner_id = ? FOR UPDATE",
        "SELECT * FROM product WHERE id IN (?) OR lower(sku) IN (?) ORDER BY id",
        "INSERT INTO audit_entry (action, changed_fields) VALUES (?, CAST(? AS jsonb))",
        "UPDATE product SET stock = stock + ? WHERE id = ?"})
    void letsDsqlsOwnFormsThrough(String sql) {
        assertThat(DsqlEmulation.refusal("Connection.prepareStatement", new Object[] {sql})).isNull();
    }

    @Test
    void refusesASavepointAskedOfTheConnection() {
        assertThat(DsqlEmulation.refusal("Connection.setSavepoint", new Object[0])).contains("SAVEPOINT");
    }
}
