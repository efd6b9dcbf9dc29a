-- An advisory lock (what stock Flyway takes on PostgreSQL): DSQL has none.
SELECT pg_advisory_xact_lock(77431708279161);
