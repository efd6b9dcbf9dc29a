-- The functions' own database user, separate from the owner that migrates: data access only, no DDL, no say over
-- the migration history. Runs after every migration, so tables added later are granted too.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appUser}') THEN
        -- No password: on RDS it logs in with IAM tokens only (through RDS Proxy's end-to-end IAM authentication).
        CREATE ROLE "${appUser}" LOGIN;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_iam') THEN
        GRANT rds_iam TO "${appUser}";
    END IF;
END
$$;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO "${appUser}";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "${appUser}";
REVOKE ALL ON ${flyway:table} FROM "${appUser}";
