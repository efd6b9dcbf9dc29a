package dev.atomicfunctions.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Aurora DSQL refuses in a Flyway migration script, as far as reading the text can tell: a linter of our own
 * for {@code db/dsql} (the PyPI dsql-lint is not available here). The rules follow the facts, with their sources,
 * in {@code src/main/resources/db/dsql/README.md}; a rule is only as current as that file.
 * <p>
 * A script is read as Flyway runs it on DSQL: placeholders replaced ({@code ${async}} becomes {@code ASYNC}),
 * then comments, string literals, dollar-quoted bodies and quoted identifiers are blanked out so that their words
 * are never taken for SQL, then the text is split into statements on the semicolons left. Flyway runs one script
 * in one transaction, so the transaction rules (one DDL statement, no DDL with DML) apply to a whole file.
 */
final class DsqlDialect {

    /** One thing DSQL refuses; {@link #id} names its bad fixture, {@code dsql-lint/bad/<id>.sql}. */
    enum Rule {
        ONE_DDL_PER_FILE("one-ddl-per-file",
            "more than one DDL statement in one migration: DSQL runs one DDL statement per transaction, and Flyway "
                + "runs a migration file in one transaction"),
        DDL_WITH_DML("ddl-with-dml",
            "DDL and DML in one migration: DSQL does not mix them in one transaction"),
        INDEX_WITHOUT_ASYNC("index-without-async",
            "CREATE INDEX without ASYNC: DSQL builds every index asynchronously and requires "
                + "CREATE [UNIQUE] INDEX ASYNC, on an empty table too"),
        INDEX_ASC_DESC("index-asc-desc",
            "ASC or DESC on an index column: DSQL's CREATE INDEX ASYNC takes only NULLS FIRST/LAST"),
        UNSUPPORTED_COLUMN_TYPE("unsupported-column-type",
            "a column type DSQL cannot store: arrays, serial types and anything outside its supported types "
                + "(arrays exist at query time only)"),
        SEQUENCE_CACHE("sequence-cache",
            "a sequence or identity column without CACHE 1 or CACHE >= 65536: DSQL requires an explicit CACHE of "
                + "1 or at least 65536"),
        ALTER_ADD_COLUMN_CONSTRAINT("alter-add-column-constraint",
            "ALTER TABLE ... ADD COLUMN with a constraint, default or collation: DSQL adds a column with its name "
                + "and data type only"),
        FOREIGN_KEY_NOT_VALID("foreign-key-not-valid",
            "ALTER TABLE ... ADD FOREIGN KEY without NOT VALID: DSQL adds a foreign key to an existing table only "
                + "NOT VALID (then ALTER TABLE ASYNC ... VALIDATE CONSTRAINT); in CREATE TABLE it is accepted"),
        ALTER_ADD_CONSTRAINT("alter-add-constraint",
            "ALTER TABLE ... ADD a CHECK without NOT VALID, or a UNIQUE or PRIMARY KEY: DSQL adds only CHECK and "
                + "FOREIGN KEY constraints to an existing table, and only NOT VALID"),
        ALTER_TABLE_UNSUPPORTED("alter-table-unsupported",
            "an ALTER TABLE action outside DSQL's documented ALTER TABLE syntax (a column's type, SET NOT NULL, "
                + "DROP CONSTRAINT, VALIDATE CONSTRAINT without ASYNC, ...)"),
        TRUNCATE("truncate",
            "TRUNCATE: not supported by DSQL (DELETE in batches of at most 3,000 rows instead)"),
        TRIGGER("create-trigger",
            "CREATE TRIGGER: DSQL has no triggers"),
        NON_SQL_LANGUAGE("non-sql-language",
            "a function, procedure or DO block in a language other than SQL: DSQL runs LANGUAGE sql only "
                + "(no PL/pgSQL, so no DO blocks)"),
        EXTENSION("create-extension",
            "CREATE EXTENSION: DSQL supports no extensions"),
        TEMPORARY_TABLE("temporary-table",
            "a temporary table: DSQL has none"),
        SAVEPOINT("savepoint",
            "SAVEPOINT, RELEASE or ROLLBACK TO: not supported by DSQL"),
        LOCKING_CLAUSE("locking-clause",
            "a locking clause other than FOR UPDATE or FOR KEY SHARE, or with NOWAIT or SKIP LOCKED: DSQL's SELECT "
                + "supports FOR { UPDATE | KEY SHARE } only, and never waits for a lock (conflicts end at COMMIT)"),
        EXCLUSION_CONSTRAINT("exclusion-constraint",
            "an exclusion constraint: not supported by DSQL"),
        CREATE_TABLE_CLAUSE("create-table-clause",
            "CREATE TABLE ... AS, INHERITS, PARTITION or COLLATE: not supported by DSQL"),
        UNSUPPORTED_STATEMENT("unsupported-statement",
            "a statement DSQL does not support: materialized view, tablespace, type, database, ALTER SYSTEM, "
                + "VACUUM, LOCK, advisory locks, or an isolation level (DSQL: BEGIN [READ ONLY | READ WRITE] only)");

        final String id;
        final String message;

        Rule(String id, String message) {
            this.id = id;
            this.message = message;
        }
    }

    /**
     * A refusal.
     *
     * @param rule      what DSQL refuses
     * @param statement the statement's number in its script, from 1
     * @param sql       the statement as checked (comments and literals blanked out), for the message
     */
    record Finding(Rule rule, int statement, String sql) {

        /** @return the rule's id and message, with the statement that broke it */
        String message() {
            String excerpt = sql.length() > 120 ? sql.substring(0, 117) + "..." : sql;
            return rule.id + ": " + rule.message + " [statement " + statement + ": " + excerpt + "]";
        }

        @Override
        public String toString() {
            return message();
        }
    }

    /** The placeholders as the migration function sets them on DSQL. */
    static final Map<String, String> DSQL_PLACEHOLDERS = Map.of("async", "ASYNC");

    /** The same placeholders on PostgreSQL, which knows no CREATE INDEX ASYNC. */
    static final Map<String, String> POSTGRESQL_PLACEHOLDERS = Map.of("async", "");

    /** Types DSQL stores in a column (aliases included), after their modifiers are dropped. */
    private static final Set<String> STORABLE_TYPES = Set.of(
        "SMALLINT", "INT2", "INTEGER", "INT", "INT4", "BIGINT", "INT8", "REAL", "FLOAT4", "DOUBLE PRECISION",
        "FLOAT8", "FLOAT", "NUMERIC", "DECIMAL", "DEC",
        "CHARACTER", "CHAR", "CHARACTER VARYING", "VARCHAR", "BPCHAR", "TEXT",
        "DATE", "TIME", "TIME WITHOUT TIME ZONE", "TIME WITH TIME ZONE", "TIMETZ", "TIMESTAMP",
        "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ", "INTERVAL",
        "BOOLEAN", "BOOL", "BYTEA", "UUID", "JSON", "JSONB");

    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "AWS",
        "SECURITY");
    private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "SELECT", "WITH", "VALUES",
        "COPY", "TRUNCATE", "CALL");

    /** Where a column definition's type ends: the first column constraint or option. */
    private static final Pattern COLUMN_TYPE_END = Pattern.compile(
        "\\s(NOT\\s+NULL|NULL|CHECK|DEFAULT|GENERATED|UNIQUE|PRIMARY\\s+KEY|REFERENCES|CONSTRAINT|COLLATE|STORAGE"
            + "|COMPRESSION|DEFERRABLE|NOT\\s+DEFERRABLE|INITIALLY)\\b");
    private static final Pattern COLUMN_CONSTRAINT = Pattern.compile(
        "\\b(NOT\\s+NULL|NULL|CHECK|DEFAULT|GENERATED|UNIQUE|PRIMARY\\s+KEY|REFERENCES|CONSTRAINT|COLLATE)\\b");
    private static final Pattern IDENTITY = Pattern.compile("\\bGENERATED\\s+(ALWAYS|BY\\s+DEFAULT)\\s+AS\\s+IDENTITY"
        + "(\\s*\\(([^)]*)\\))?");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern CACHE = Pattern.compile("\\bCACHE\\s+(\\d+)\\b");
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE\\s+(UNIQUE\\s+)?INDEX\\b(.*)$");
    private static final Pattern CREATE_TABLE = Pattern.compile(
        "^CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?[^\\s(]+\\s*"
            + "(\\(|AS\\b|PARTITION\\b|OF\\b)(.*)$");
    private static final Pattern ALTER_TABLE = Pattern.compile(
        "^ALTER\\s+TABLE\\s+(ASYNC\\s+)?(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?[^\\s(]+(?:\\s*\\*)?\\s+(.*)$");
    private static final Pattern TABLE_CONSTRAINT = Pattern.compile(
        "^(?:CONSTRAINT\\s+\\S+\\s+)?(CHECK|UNIQUE|PRIMARY\\s+KEY|FOREIGN\\s+KEY|EXCLUDE)\\b.*");
    private static final Pattern LOCKING =
        Pattern.compile("\\bFOR\\s+(NO\\s+KEY\\s+UPDATE|UPDATE|KEY\\s+SHARE|SHARE)\\b");
    private static final Pattern UNSUPPORTED = Pattern.compile(
        "^(CREATE\\s+MATERIALIZED\\s+VIEW|CREATE\\s+TABLESPACE|CREATE\\s+TYPE|CREATE\\s+DATABASE|ALTER\\s+SYSTEM"
            + "|VACUUM|LOCK|CLUSTER|REINDEX)\\b"
            + "|\\bPG_(TRY_)?ADVISORY_(XACT_)?(UN)?LOCK(_SHARED|_ALL)?\\b|\\bISOLATION\\s+LEVEL\\b"
            + "|^SET\\s+SESSION\\s+CHARACTERISTICS\\b");

    private DsqlDialect() {
    }

    /** @return what DSQL refuses in the script file, read with DSQL's placeholder values */
    static List<Finding> check(Path script) {
        try {
            return check(Files.readString(script, StandardCharsets.UTF_8), DSQL_PLACEHOLDERS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param script       a migration script as written
     * @param placeholders Flyway placeholder values, replaced before anything else
     * @return what DSQL refuses in it, statement by statement, then the rules of the whole script
     */
    static List<Finding> check(String script, Map<String, String> placeholders) {
        String sql = script;
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            sql = sql.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
        }
        List<String> statements = statements(sql);
        List<Finding> findings = new ArrayList<>();
        int ddl = 0;
        int dml = 0;
        int secondDdl = 0;
        int firstDml = 0;
        for (int i = 0; i < statements.size(); i++) {
            String statement = statements.get(i);
            int number = i + 1;
            String first = statement.split("\\s", 2)[0];
            if (DDL.contains(first)) {
                ddl++;
                if (ddl == 2) {
                    secondDdl = number;
                }
            } else if (DML.contains(first)) {
                dml++;
                if (dml == 1) {
                    firstDml = number;
                }
            }
            for (Rule rule : statementRules(statement)) {
                findings.add(new Finding(rule, number, statement));
            }
        }
        if (ddl > 1) {
            findings.add(new Finding(Rule.ONE_DDL_PER_FILE, secondDdl, statements.get(secondDdl - 1)));
        }
        if (ddl > 0 && dml > 0) {
            findings.add(new Finding(Rule.DDL_WITH_DML, firstDml, statements.get(firstDml - 1)));
        }
        return findings;
    }

    /**
     * @return the script's statements, each upper-cased on one line, with its comments, string literals,
     *     dollar-quoted bodies and quoted identifiers blanked out (to {@code ''}, {@code $$ $$} and {@code "_"})
     */
    static List<String> statements(String script) {
        String blanked = blank(script);
        List<String> statements = new ArrayList<>();
        for (String part : blanked.split(";")) {
            String statement = part.replaceAll("\\s+", " ").trim().toUpperCase(Locale.ROOT);
            if (!statement.isEmpty()) {
                statements.add(statement);
            }
        }
        return statements;
    }

    /** Blanks out comments (nested block comments too), literals, dollar-quoted bodies and quoted identifiers. */
    private static String blank(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
                out.append(' ');
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (i < n && depth > 0) {
                    if (sql.startsWith("/*", i)) {
                        depth++;
                        i += 2;
                    } else if (sql.startsWith("*/", i)) {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                out.append(' ');
            } else if (c == '\'') {
                boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
                i++;
                while (i < n) {
                    char s = sql.charAt(i);
                    if (escapes && s == '\\') {
                        i += 2;
                    } else if (s == '\'' && i + 1 < n && sql.charAt(i + 1) == '\'') {
                        i += 2;
                    } else if (s == '\'') {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                out.append("''");
            } else if (c == '"') {
                i++;
                while (i < n) {
                    if (sql.charAt(i) == '"' && i + 1 < n && sql.charAt(i + 1) == '"') {
                        i += 2;
                    } else if (sql.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        i++;
                    }
                }
                out.append("\"_\"");
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                i = end < 0 ? n : end + tag.length();
                out.append(" $$ $$ ");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** @return the dollar-quote tag ({@code $$} or {@code $name$}) opening at {@code at}, or null */
    private static String dollarTag(String sql, int at) {
        if (at > 0 && (Character.isLetterOrDigit(sql.charAt(at - 1)) || sql.charAt(at - 1) == '_')) {
            return null;
        }
        Matcher tag = DOLLAR_TAG.matcher(sql).region(at, sql.length());
        return tag.lookingAt() ? tag.group() : null;
    }

    /** @return the rules one statement breaks on its own */
    private static Set<Rule> statementRules(String statement) {
        Set<Rule> broken = new LinkedHashSet<>();
        if (statement.startsWith("TRUNCATE")) {
            broken.add(Rule.TRUNCATE);
        }
        if (statement.matches("^CREATE\\s+(OR\\s+REPLACE\\s+)?(CONSTRAINT\\s+|EVENT\\s+)?TRIGGER\\b.*")) {
            broken.add(Rule.TRIGGER);
        }
        boolean routine = statement.matches("^CREATE\\s+(OR\\s+REPLACE\\s+)?(FUNCTION|PROCEDURE)\\b.*");
        if (statement.matches("^DO\\b.*") || routine && languageOtherThanSql(statement)) {
            broken.add(Rule.NON_SQL_LANGUAGE);
        }
        if (statement.matches("^CREATE\\s+EXTENSION\\b.*")) {
            broken.add(Rule.EXTENSION);
        }
        if (statement.matches("^CREATE\\s+((GLOBAL|LOCAL)\\s+)?(TEMP|TEMPORARY)\\s.*")) {
            broken.add(Rule.TEMPORARY_TABLE);
        }
        if (statement.matches("^(SAVEPOINT|RELEASE|ROLLBACK\\s+((WORK|TRANSACTION)\\s+)?TO)\\b.*")) {
            broken.add(Rule.SAVEPOINT);
        }
        if (UNSUPPORTED.matcher(statement).find()) {
            broken.add(Rule.UNSUPPORTED_STATEMENT);
        }
        if (statement.startsWith("SELECT") || statement.startsWith("WITH")) {
            lockingClause(statement, broken);
        }
        Matcher index = CREATE_INDEX.matcher(statement);
        if (index.matches()) {
            createIndex(index.group(2), broken);
        }
        if (statement.matches("^CREATE\\s+SEQUENCE\\b.*") || statement.matches("^ALTER\\s+SEQUENCE\\b.*CACHE.*")) {
            if (!validCache(statement)) {
                broken.add(Rule.SEQUENCE_CACHE);
            }
        }
        Matcher identity = IDENTITY.matcher(statement);
        while (identity.find()) {
            if (identity.group(3) == null || !validCache(identity.group(3))) {
                broken.add(Rule.SEQUENCE_CACHE);
            }
        }
        Matcher table = CREATE_TABLE.matcher(statement);
        if (table.matches()) {
            createTable(table.group(1), table.group(2), broken);
        }
        Matcher alter = ALTER_TABLE.matcher(statement);
        if (alter.matches()) {
            alterTable(alter.group(1) != null, alter.group(2), broken);
        }
        return broken;
    }

    private static boolean languageOtherThanSql(String statement) {
        Matcher language = Pattern.compile("\\bLANGUAGE\\s+(\\S+)").matcher(statement);
        return language.find() && !language.group(1).replace("''", "").equals("SQL");
    }

    private static void lockingClause(String statement, Set<Rule> broken) {
        Matcher locking = LOCKING.matcher(statement);
        while (locking.find()) {
            String strength = locking.group(1).replaceAll("\\s+", " ");
            if (!strength.equals("UPDATE") && !strength.equals("KEY SHARE")) {
                broken.add(Rule.LOCKING_CLAUSE);
            }
        }
        if (statement.matches(".*\\bFOR\\s+(NO\\s+KEY\\s+UPDATE|UPDATE|KEY\\s+SHARE|SHARE)\\b.*"
            + "\\b(NOWAIT|SKIP\\s+LOCKED)\\b.*")) {
            broken.add(Rule.LOCKING_CLAUSE);
        }
    }

    /** @param rest what follows {@code CREATE [UNIQUE] INDEX} */
    private static void createIndex(String rest, Set<Rule> broken) {
        if (!rest.matches("^\\s*ASYNC\\b.*")) {
            broken.add(Rule.INDEX_WITHOUT_ASYNC);
        }
        int on = rest.indexOf(" ON ");
        int open = on < 0 ? -1 : rest.indexOf('(', on);
        if (open >= 0) {
            String columns = rest.substring(open + 1, closing(rest, open));
            if (columns.matches(".*\\b(ASC|DESC)\\b.*")) {
                broken.add(Rule.INDEX_ASC_DESC);
            }
        }
    }

    /**
     * @param opening what follows the table's name: {@code (}, {@code AS}, {@code PARTITION} or {@code OF}
     * @param rest    the statement after it
     */
    private static void createTable(String opening, String rest, Set<Rule> broken) {
        if (!opening.equals("(")) {
            broken.add(Rule.CREATE_TABLE_CLAUSE);
            return;
        }
        int close = closing("(" + rest, 0) - 1;
        String body = rest.substring(0, Math.min(close, rest.length()));
        String after = close < rest.length() ? rest.substring(close + 1) : "";
        if (after.matches(".*\\b(AS|INHERITS|PARTITION)\\b.*")) {
            broken.add(Rule.CREATE_TABLE_CLAUSE);
        }
        for (String element : topLevel(body)) {
            Matcher constraint = TABLE_CONSTRAINT.matcher(element);
            if (constraint.matches()) {
                if (constraint.group(1).equals("EXCLUDE")) {
                    broken.add(Rule.EXCLUSION_CONSTRAINT);
                }
            } else if (!element.startsWith("LIKE ")) {
                String definition = element.contains(" ") ? element.substring(element.indexOf(' ') + 1) : "";
                if (!storable(columnType(definition))) {
                    broken.add(Rule.UNSUPPORTED_COLUMN_TYPE);
                }
                if (definition.matches(".*\\bCOLLATE\\b.*")) {
                    broken.add(Rule.CREATE_TABLE_CLAUSE);
                }
            }
        }
    }

    /**
     * @param async   whether the statement is {@code ALTER TABLE ASYNC}
     * @param actions what follows the table's name
     */
    private static void alterTable(boolean async, String actions, Set<Rule> broken) {
        if (actions.matches("^(RENAME|SET\\s+SCHEMA)\\b.*")) {
            return;
        }
        if (actions.matches("^VALIDATE\\s+CONSTRAINT\\b.*")) {
            if (!async) {
                broken.add(Rule.ALTER_TABLE_UNSUPPORTED);
            }
            return;
        }
        for (String action : topLevel(actions)) {
            Matcher added = Pattern.compile("^ADD\\s+(.*)$").matcher(action);
            if (added.matches()) {
                String what = added.group(1);
                Matcher constraint = TABLE_CONSTRAINT.matcher(what);
                if (constraint.matches()) {
                    addConstraint(constraint.group(1).replaceAll("\\s+", " "), what, broken);
                } else {
                    String column = what.replaceFirst("^COLUMN\\s+", "").replaceFirst("^IF\\s+NOT\\s+EXISTS\\s+", "");
                    String definition = column.contains(" ") ? column.substring(column.indexOf(' ') + 1) : "";
                    if (!storable(columnType(definition))) {
                        broken.add(Rule.UNSUPPORTED_COLUMN_TYPE);
                    }
                    if (COLUMN_CONSTRAINT.matcher(definition).find()) {
                        broken.add(Rule.ALTER_ADD_COLUMN_CONSTRAINT);
                    }
                }
            } else if (action.matches("^DROP\\s+CONSTRAINT\\b.*")) {
                broken.add(Rule.ALTER_TABLE_UNSUPPORTED);
            } else if (action.matches("^DROP\\b.*") || action.matches("^ALTER\\s+CONSTRAINT\\b.*")
                || action.matches("^OWNER\\s+TO\\b.*")) {
                continue;
            } else if (action.matches("^ALTER\\b.*")) {
                if (action.matches("^ALTER\\s+(COLUMN\\s+)?\\S+\\s+(SET\\s+DATA\\s+TYPE|TYPE|SET\\s+NOT\\s+NULL"
                    + "|SET\\s+STATISTICS|SET\\s+COMPRESSION)\\b.*")) {
                    broken.add(Rule.ALTER_TABLE_UNSUPPORTED);
                }
            } else {
                broken.add(Rule.ALTER_TABLE_UNSUPPORTED);
            }
        }
    }

    /** @param kind CHECK, UNIQUE, PRIMARY KEY, FOREIGN KEY or EXCLUDE */
    private static void addConstraint(String kind, String constraint, Set<Rule> broken) {
        boolean notValid = constraint.matches(".*\\bNOT\\s+VALID\\b.*");
        switch (kind) {
            case "FOREIGN KEY" -> {
                if (!notValid) {
                    broken.add(Rule.FOREIGN_KEY_NOT_VALID);
                }
            }
            case "CHECK" -> {
                if (!notValid) {
                    broken.add(Rule.ALTER_ADD_CONSTRAINT);
                }
            }
            case "EXCLUDE" -> broken.add(Rule.EXCLUSION_CONSTRAINT);
            default -> broken.add(Rule.ALTER_ADD_CONSTRAINT);
        }
    }

    /** @return the type of a column definition (what follows the column's name), its modifiers dropped */
    private static String columnType(String definition) {
        Matcher end = COLUMN_TYPE_END.matcher(" " + definition);
        String type = end.find() ? (" " + definition).substring(0, end.start()) : " " + definition;
        return type.replaceAll("\\([^)]*\\)", " ").replaceAll("\\s+", " ").trim();
    }

    private static boolean storable(String type) {
        if (type.contains("[") || type.matches(".*\\bARRAY\\b.*")) {
            return false;
        }
        String bare = type.replaceFirst("^PG_CATALOG\\.", "");
        return STORABLE_TYPES.contains(bare);
    }

    /** @return whether every CACHE in the text is 1 or at least 65536, and there is one */
    private static boolean validCache(String text) {
        Matcher cache = CACHE.matcher(text);
        boolean found = false;
        while (cache.find()) {
            found = true;
            long size = Long.parseLong(cache.group(1));
            if (size != 1 && size < 65536) {
                return false;
            }
        }
        return found;
    }

    /** @return the position of the parenthesis closing the one at {@code open}, or the text's length */
    private static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (text.charAt(i) == '(') {
                depth++;
            } else if (text.charAt(i) == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return text.length();
    }

    /** @return the text's comma-separated parts outside parentheses, trimmed */
    private static List<String> topLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }
}
