-- An anonymous PL/pgSQL block (as db/session-limits has): DSQL runs SQL functions only.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET lock_timeout = %L', current_database(), '5s');
END
$$;
