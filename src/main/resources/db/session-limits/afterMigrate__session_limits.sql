-- Bounds on every session of this database, set by the server at session start: no client SET, so RDS Proxy does
-- not pin the session (it pins on SET). Applies to sessions opened after this runs; runs after every migrate.
--  * idle_in_transaction_session_timeout: Lambda freezes or kills an environment that timed out mid-transaction;
--    its session would keep the transaction's row locks (stock!) until the proxy noticed. The server ends it.
--  * lock_timeout: a lock wait ends in 55P03, which the entry point's retry handles, well before the timeout.
--  * statement_timeout: a runaway statement is cancelled by the server before the client's socket timeout.
-- The migration function's own sessions lift all three (Flyway's initSql): DDL may take longer.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L', current_database(),
        '${idleInTransactionTimeout}');
    EXECUTE format('ALTER DATABASE %I SET lock_timeout = %L', current_database(), '${lockTimeout}');
    EXECUTE format('ALTER DATABASE %I SET statement_timeout = %L', current_database(), '${statementTimeout}');
END
$$;
