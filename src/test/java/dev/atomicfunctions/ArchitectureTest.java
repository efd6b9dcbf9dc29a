package dev.atomicfunctions;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaEnumConstant;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaStaticInitializer;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.atomicfunctions.platform.messaging.MessageHandler;
import dev.atomicfunctions.platform.transaction.EntryPoint;
import dev.atomicfunctions.platform.transaction.RetryTransaction;
import dev.atomicfunctions.platform.transaction.ReadCommitted;
import io.micronaut.data.annotation.Repository;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.operations.RepositoryOperations;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.HttpMethodMapping;
import io.micronaut.transaction.TransactionDefinition.Propagation;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static java.util.stream.Collectors.toCollection;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the transaction design true for every kind of entry point. An entry point is a controller or a bean an event
 * handler delegates to ({@link EntryPoint}): it owns the transaction of each of its methods ({@code @Transactional}
 * to write, {@code @ReadOnly} to read), always its invocation's own ({@code REQUIRED}), and calls services; it is
 * called only from outside every transaction (Lambda handlers and the drivers between them and their entry points);
 * services only join it ({@code MANDATORY}), and whatever touches the database or makes a savepoint is one or the
 * other, but for a few named exceptions; savepoints ({@code NESTED}) come from one helper; only the transaction
 * package touches commit or rollback; packages form no cycle and the cross-cutting parts know no feature. Each rule
 * is also run against deliberately broken fixtures ({@code archfixture}), to show it can fail.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.atomicfunctions";
    private static final String TRANSACTION_PACKAGE = ROOT + ".platform.transaction..";
    /**
     * The one class that makes savepoints ({@code NESTED}), and the one that may declare it: every savepoint goes
     * through it, and it refuses to run with no transaction around it.
     */
    static final String SAVEPOINT_HELPER = ROOT + ".platform.transaction.Savepoints";
    /**
     * The one class besides entry points that may open a transaction ({@code REQUIRES_NEW}): the audit record of a
     * failed attempt, written after the attempt's own transaction rolled back.
     */
    static final String FAILED_ATTEMPT_AUDIT = ROOT + ".audit.FailedAttemptRecorder";

    /**
     * Micronaut generates {@code $...} and {@code ...$Intercepted} classes; the rules judge the code we write, and
     * not importing the generated classes (which reference much of Micronaut) keeps the import fast.
     */
    private static final ImportOption HAND_WRITTEN_ONLY = location -> !location.contains("/$")
        && !location.contains("$Intercepted");
    private static final DescribedPredicate<JavaClass> HAND_WRITTEN = DescribedPredicate.describe("hand-written",
        c -> !c.getSimpleName().startsWith("$") && !c.getName().contains(".$") && !c.getName().endsWith("$Intercepted"));
    private static final DescribedPredicate<JavaMethod> HAND_WRITTEN_METHOD = DescribedPredicate.describe(
        "hand-written", m -> HAND_WRITTEN.test(m.getOwner()) && !m.getModifiers().contains(JavaModifier.SYNTHETIC));

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(HAND_WRITTEN_ONLY)
        .importPackages(ROOT);
    private static final JavaClasses BROKEN = new ClassFileImporter()
        .withImportOption(HAND_WRITTEN_ONLY)
        .importPackages(ROOT + ".archfixture");

    private static final DescribedPredicate<JavaClass> ENTRY_POINTS = DescribedPredicate.describe("entry points",
        c -> c.isAnnotatedWith(Controller.class) || c.isAnnotatedWith(EntryPoint.class));
    /** The beans that begin a write's transaction: the features' commands, the jobs' entry points. */
    private static final DescribedPredicate<JavaClass> COMMANDS = DescribedPredicate.describe("commands",
        c -> c.isAnnotatedWith(EntryPoint.class));
    /** What turns a transport into commands: the HTTP adapters' controllers, the queue's message handlers. */
    private static final DescribedPredicate<JavaClass> ADAPTERS = DescribedPredicate.describe("adapters",
        c -> c.isAnnotatedWith(Controller.class) || c.isAssignableTo(MessageHandler.class));

    private static final DescribedPredicate<JavaClass> LAMBDA_HANDLERS = DescribedPredicate.describe("Lambda handlers",
        c -> c.isAssignableTo(RequestHandler.class) || c.isAssignableTo(RequestStreamHandler.class));

    /**
     * What reads or writes the database, or makes a savepoint. {@code TransactionOperations} is not listed: only the
     * transaction package may use it at all ({@link #ONLY_THE_TRANSACTION_PACKAGE_CONTROLS_TRANSACTIONS}).
     */
    private static final DescribedPredicate<JavaClass> DATA_ACCESS = DescribedPredicate.describe("data access",
        c -> c.isAssignableTo(GenericRepository.class) || c.isMetaAnnotatedWith(Repository.class)
            || Stream.of(DataSource.class, JdbcOperations.class, RepositoryOperations.class,
                ConnectionOperations.class, DriverManager.class).anyMatch(c::isAssignableTo)
            || c.getName().equals(SAVEPOINT_HELPER));

    /**
     * The only classes that use data access outside both an entry point's transaction and a service's, each for a
     * reason of its own. A repository is not one of them: it is the data access, and only entry points and services
     * (and these) may use it.
     */
    static final Set<String> OWN_CONNECTIONS = Set.of(
        // Flyway owns the migration function's connections and transactions; it serves no request.
        ROOT + ".migration.MigrationHandler",
        // The same on Aurora DSQL, where Flyway cannot run: each DDL statement auto-committed on its own, as DSQL
        // requires, then recorded.
        ROOT + ".migration.DsqlMigrations",
        // Asks, on a connection of its own, what became of a transaction whose COMMIT lost its connection: that
        // transaction is over, and the question must not join anything.
        ROOT + ".platform.transaction.CommitResolution");

    /**
     * What stands between a Lambda handler and its entry points, outside every transaction, and may call them:
     * QueueHandler, BatchConsumer, MessageProcessor, then a message handler (an adapter) and its command;
     * ScheduledHandler, ScheduledJobs, then ExpireOrders, IdempotencyPurge and OutboxDrain, OutboxRelay; the batch
     * route's TaskBatchRun, then one command, or one per item. (Controllers are called by routing, not by code.)
     */
    static final Set<String> DRIVERS = Set.of(
        ROOT + ".task.TaskBatchRun",
        ROOT + ".queue.BatchConsumer",
        ROOT + ".queue.MessageProcessor",
        ROOT + ".jobs.ScheduledJobs",
        ROOT + ".outbox.OutboxDrain");
    private static final DescribedPredicate<JavaClass> DRIVER = DescribedPredicate.describe("drivers of entry points",
        c -> DRIVERS.contains(c.getName()));
    /** Drains the outbox around an entry-point method, outside its transaction interceptor: after the commit. */
    static final String AFTER_COMMIT_RELAYER = ROOT + ".outbox.RelayAfterCommitInterceptor";

    private static final DescribedPredicate<JavaMethod> ENTRY_POINT_METHODS = DescribedPredicate.describe(
        "routes and entry-point methods", m -> !m.getOwner().getName().contains("$")
            && (m.getOwner().isAnnotatedWith(Controller.class) && m.isMetaAnnotatedWith(HttpMethodMapping.class)
            || m.getOwner().isAnnotatedWith(EntryPoint.class) && !m.getModifiers().contains(JavaModifier.PRIVATE)
            && !m.getModifiers().contains(JavaModifier.SYNTHETIC)));

    private static final ArchRule EVERY_ENTRY_POINT_METHOD_DECLARES_ITS_TRANSACTION = methods()
        .that(ENTRY_POINT_METHODS)
        .should(declareTheirTransaction())
        .because("a route or event delegate without a transaction would write statement by statement; a write route "
            + "runs a command, which declares it");

    /** Micronaut adds a HEAD route to every GET unless told not to; the HTTP API routes no HEAD (nor lists it). */
    private static final ArchRule GET_ROUTES_ADD_NO_HEAD_ROUTE = methods()
        .that(DescribedPredicate.describe("GET routes", m -> !m.getOwner().getName().contains("$")
            && m.isAnnotatedWith(io.micronaut.http.annotation.Get.class)))
        .should(new ArchCondition<>("set headRoute = false") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean noHead = method.getAnnotationOfType(io.micronaut.http.annotation.Get.class.getName())
                    .get("headRoute").map(Boolean.FALSE::equals).orElse(false);
                events.add(new SimpleConditionEvent(method, noHead, method.getFullName() + " also answers HEAD"));
            }
        });

    private static final ArchRule EVERY_WRITE_DECLARES_ITS_ISOLATION = methods()
        .that(ENTRY_POINT_METHODS).and(DescribedPredicate.describe("are @Transactional",
            m -> transactional(m).isPresent()))
        .should(declareTheirIsolation())
        .because("a write states the isolation level its correctness relies on; @ReadCommitted states PostgreSQL's "
            + "default without a SHOW or SET per transaction");

    private static final ArchRule EVERY_WRITE_IS_RETRIED = methods()
        .that(ENTRY_POINT_METHODS).and(DescribedPredicate.describe("are writable @Transactional",
            m -> transactional(m).filter(t -> !Boolean.TRUE.equals(t.get("readOnly").orElse(false))).isPresent()))
        // Its failure leaves the events pending for the next drain; a retry would overrun the after-commit budget.
        .and().areNotDeclaredIn(ROOT + ".outbox.OutboxRelay")
        .should(new ArchCondition<>("be @RetryTransaction, or @Command") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                events.add(new SimpleConditionEvent(method, declares(method, RetryTransaction.class),
                    method.getFullName() + " is a write that is not retried"));
            }
        })
        .because("a write lost to contention or to the connection is run again, and a lost COMMIT is resolved by "
            + "asking the database, whatever entry point it came through");

    private static final ArchRule ENTRY_POINTS_AND_HANDLERS_CALL_SERVICES = noClasses()
        .that(HAND_WRITTEN).and(ENTRY_POINTS.or(LAMBDA_HANDLERS))
        // Flyway owns the migration function's connections and transactions; it serves no request.
        .and().resideOutsideOfPackage(ROOT + ".migration..")
        .should().dependOnClassesThat(assignableTo(GenericRepository.class).or(assignableTo(DataSource.class))
            .or(assignableTo(JdbcOperations.class)).or(assignableTo(Connection.class)))
        .because("entry points own the transaction and call services; data access lives in services");

    private static final ArchRule ONLY_ENTRY_POINTS_BEGIN_TRANSACTIONS = classes()
        .that(HAND_WRITTEN).and(DescribedPredicate.not(ENTRY_POINTS))
        .and().doNotHaveFullyQualifiedName(SAVEPOINT_HELPER).and().doNotHaveFullyQualifiedName(FAILED_ATTEMPT_AUDIT)
        // A composed annotation (@Command) declares the policy of the entry points that carry it, not its own.
        .and().areNotAnnotations()
        .should(declareOnly(Set.of(Propagation.MANDATORY)))
        .because("the entry point owns the transaction; services only join it");

    private static final ArchRule THE_FAILED_ATTEMPT_AUDIT_OPENS_ONLY_ITS_OWN_TRANSACTION = classes()
        .that().haveFullyQualifiedName(FAILED_ATTEMPT_AUDIT)
        .should(declareOnly(Set.of(Propagation.REQUIRES_NEW)))
        .because("a failed attempt is audited after its transaction rolled back, in a short one of its own");

    private static final ArchRule SAVEPOINTS_ONLY_THROUGH_THE_HELPER = classes()
        .that(HAND_WRITTEN).and().doNotHaveFullyQualifiedName(SAVEPOINT_HELPER)
        .should(declareNo(Propagation.NESTED))
        .because("partial success is a design decision, taken in one place (" + SAVEPOINT_HELPER + ")");

    private static final ArchRule DATA_ACCESS_REQUIRES_THE_CALLERS_TRANSACTION = classes()
        .that(HAND_WRITTEN).and(DescribedPredicate.not(ENTRY_POINTS)).and().areNotInterfaces()
        // A repository written as an abstract class (for a statement of its own) is the data access, not its user.
        .and().areNotAssignableTo(GenericRepository.class).and().areNotMetaAnnotatedWith(Repository.class)
        .and(DescribedPredicate.describe("use data access", ArchitectureTest::usesDataAccess))
        .and(DescribedPredicate.describe("are not named exceptions", c -> !OWN_CONNECTIONS.contains(c.getName())))
        .should(joinTheCallersTransaction())
        .because("outside the entry point's transaction a write commits statement by statement (autocommit) and a "
            + "savepoint begins and commits a transaction of its own: half a request, or work no entry point owns");

    private static final ArchRule ENTRY_POINTS_BEGIN_ONLY_THEIR_INVOCATIONS_TRANSACTION = classes()
        .that(HAND_WRITTEN).and(ENTRY_POINTS)
        .should(declareOnly(Set.of(Propagation.REQUIRED)))
        .because("an entry point's transaction is its invocation's: REQUIRES_NEW or NESTED would commit apart from a "
            + "transaction it runs in, MANDATORY or SUPPORTS leave the invocation without one; what must commit on "
            + "its own is no entry point (" + FAILED_ATTEMPT_AUDIT + ")");

    private static final ArchRule ONLY_HANDLERS_AND_DRIVERS_CALL_ENTRY_POINTS = noClasses()
        .that(HAND_WRITTEN).and(DescribedPredicate.not(LAMBDA_HANDLERS.or(DRIVER).or(ADAPTERS)))
        .should().dependOnClassesThat(COMMANDS)
        .because("a command begins its invocation's transaction; called by a service or another command it "
            + "would run inside theirs, joined (its commit not its own) or apart (committing inside it)");

    private static final ArchRule COMMANDS_RUN_FROM_OUTSIDE_EVERY_TRANSACTION = methods()
        .that(HAND_WRITTEN_METHOD).and(DescribedPredicate.describe("run commands", ArchitectureTest::runsACommand))
        .should(new ArchCondition<>("declare no transaction, nor their class") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                events.add(new SimpleConditionEvent(method,
                    propagation(method).isEmpty() && propagation(method.getOwner()).isEmpty(),
                    method.getFullName() + " runs a command inside a transaction of its own"));
            }
        })
        .because("a command's transaction is its invocation's: run from a read-only route or a service, it would join "
            + "that transaction instead of beginning its own");

    private static final ArchRule DRIVERS_ARE_REACHED_ONLY_FROM_OUTSIDE_EVERY_TRANSACTION = noClasses()
        .that(HAND_WRITTEN).and(DescribedPredicate.not(LAMBDA_HANDLERS.or(DRIVER).or(ADAPTERS)))
        .and().doNotHaveFullyQualifiedName(AFTER_COMMIT_RELAYER)
        .should().dependOnClassesThat(DRIVER)
        .because("what drives entry points runs outside every transaction (an adapter calls one as it calls a command, "
            + "from a method that declares none); driven from a service, the outbox relay "
            + "would join its transaction and send events before they commit");

    private static final ArchRule ONLY_THE_TRANSACTION_PACKAGE_CONTROLS_TRANSACTIONS = noClasses()
        .that(HAND_WRITTEN).and().resideOutsideOfPackage(TRANSACTION_PACKAGE)
        .should().callMethodWhere(target(owner(assignableTo(Connection.class)))
            .and(target(nameMatching("commit|rollback|setAutoCommit|setSavepoint|releaseSavepoint"))))
        .orShould().dependOnClassesThat(assignableTo(TransactionOperations.class)
            .or(assignableTo(TransactionStatus.class)))
        .because("commit and rollback belong to the transaction interceptor alone");

    private static final ArchRule NO_PACKAGE_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

    private static final ArchRule PLATFORM_KNOWS_NOTHING_ABOVE_IT = noClasses()
        .that().resideInAPackage(ROOT + ".platform..")
        .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
            .and(DescribedPredicate.not(resideInAPackage(ROOT + ".platform.."))))
        .because("the platform serves every entry point and feature");

    /** The HTTP edge's own parts (its way in, its problems, its answers), beneath the adapters of each feature. */
    private static final String[] HTTP_EDGE = {ROOT + ".http.request..", ROOT + ".http.problem..",
        ROOT + ".http.response.."};
    private static final String[] TRANSPORTS = {ROOT + ".http..", ROOT + ".queue..", ROOT + ".jobs.."};

    private static final ArchRule HTTP_EDGE_KNOWS_NO_FEATURE = noClasses()
        .that().resideInAnyPackage(HTTP_EDGE)
        .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
            .and(DescribedPredicate.not(resideInAnyPackage(HTTP_EDGE)))
            .and(DescribedPredicate.not(resideInAPackage(ROOT + ".platform.."))))
        .because("each feature's adapter (http.task, http.product, http.order) uses the edge, never the other way "
            + "round");

    private static final ArchRule FEATURES_KNOW_NO_TRANSPORT = noClasses()
        .that(HAND_WRITTEN).and().resideOutsideOfPackages(TRANSPORTS)
        .and().resideOutsideOfPackage(ROOT + ".migration..")
        .should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
        .because("transports are adapters around the features: a feature answers in domain types and failures, "
            + "which each edge says in its own terms");

    /**
     * On Lambda Managed Instances many invocations run at once in one environment, sharing every static field: the
     * only state kept per invocation lives in these thread-local holders, each set when its scope begins and cleared
     * when it ends, however it ends (the invocation: {@code InvocationEnd}; a transaction attempt, a message, a dry
     * run: their own try/finally).
     */
    static final Set<String> PER_INVOCATION_HOLDERS = Set.of(
        ROOT + ".platform.invocation.Deadline",
        ROOT + ".platform.transaction.TransactionAttempt",
        ROOT + ".platform.transaction.DryRun",
        ROOT + ".idempotency.Deliveries");

    private static final ArchRule NO_MUTABLE_STATIC_STATE = fields()
        .that().areStatic().and().areDeclaredInClassesThat(HAND_WRITTEN)
        .should(new ArchCondition<>("be final, and thread-local only in the named holders") {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                boolean threadLocal = field.getRawType().isAssignableTo(ThreadLocal.class);
                boolean holder = PER_INVOCATION_HOLDERS.contains(field.getOwner().getName());
                events.add(new SimpleConditionEvent(field,
                    field.getModifiers().contains(JavaModifier.FINAL) && (!threadLocal || holder),
                    field.getFullName() + (threadLocal ? " keeps per-thread state outside the named holders"
                        : " is static and mutable")));
            }
        })
        .because("one environment serves many invocations at once: a static field shared by them leaks one "
            + "invocation's state into another");

    /**
     * SnapStart restores many environments from one snapshot: a seeded PRNG would repeat its sequence in each.
     * Lambda keeps {@code SecureRandom} (behind {@code UUID.randomUUID}) unique after restore; these are not.
     */
    private static final ArchRule NO_PRNG_SEEDED_BEFORE_A_SNAPSHOT = noClasses()
        .that(HAND_WRITTEN)
        .should().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.SplittableRandom")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.ThreadLocalRandom")
        .orShould().callMethod(Math.class, "random")
        .because("SnapStart would restore the same seed in every environment");

    @Test
    void everyRouteAndEventDelegateDeclaresItsTransaction() {
        EVERY_ENTRY_POINT_METHOD_DECLARES_ITS_TRANSACTION.check(PRODUCTION);
        assertThat(failures(EVERY_ENTRY_POINT_METHOD_DECLARES_ITS_TRANSACTION))
            .anyMatch(d -> d.contains("ControllerCallingRepository.list()"))
            .anyMatch(d -> d.contains("EventEntryPointWithoutTransaction.consume("));
    }

    @Test
    void getRoutesAnswerNoHead() {
        GET_ROUTES_ADD_NO_HEAD_ROUTE.check(PRODUCTION);
        assertThat(failures(GET_ROUTES_ADD_NO_HEAD_ROUTE)).anyMatch(d -> d.contains("ControllerCallingRepository.list()"));
    }

    @Test
    void everyWriteDeclaresItsIsolation() {
        EVERY_WRITE_DECLARES_ITS_ISOLATION.check(PRODUCTION);
        assertThat(failures(EVERY_WRITE_DECLARES_ITS_ISOLATION))
            .anyMatch(d -> d.contains("WriteWithoutDeclaredIsolation.create("))
            .noneMatch(d -> d.contains("WriteWithoutDeclaredIsolation.createSerializable("))
            .noneMatch(d -> d.contains("WriteWithoutDeclaredIsolation.createReadCommitted("))
            .noneMatch(d -> d.contains("WriteWithoutDeclaredIsolation.createAsCommand("));
    }

    @Test
    void everyWriteIsRetried() {
        EVERY_WRITE_IS_RETRIED.check(PRODUCTION);
        assertThat(failures(EVERY_WRITE_IS_RETRIED))
            .anyMatch(d -> d.contains("WriteWithoutDeclaredIsolation.createReadCommitted("))
            .noneMatch(d -> d.contains("WriteWithoutDeclaredIsolation.createRetried("))
            .noneMatch(d -> d.contains("WriteWithoutDeclaredIsolation.createAsCommand("));
    }

    @Test
    void entryPointsAndHandlersReachDataOnlyThroughServices() {
        ENTRY_POINTS_AND_HANDLERS_CALL_SERVICES.check(PRODUCTION);
        assertThat(failures(ENTRY_POINTS_AND_HANDLERS_CALL_SERVICES))
            .anyMatch(d -> d.contains("ControllerCallingRepository") && d.contains("GenericRepository"))
            .anyMatch(d -> d.contains("EventEntryPointWithoutTransaction") && d.contains("DataSource"))
            .anyMatch(d -> d.contains("HandlerReadingTheDatabase") && d.contains("DataSource"));
    }

    @Test
    void onlyEntryPointsBeginTransactions() {
        ONLY_ENTRY_POINTS_BEGIN_TRANSACTIONS.check(PRODUCTION);
        assertThat(failures(ONLY_ENTRY_POINTS_BEGIN_TRANSACTIONS))
            .anyMatch(d -> d.contains("SelfCommittingService") && d.contains("REQUIRED"));
    }

    @Test
    void onlyTheFailedAttemptAuditOpensASecondTransaction() {
        THE_FAILED_ATTEMPT_AUDIT_OPENS_ONLY_ITS_OWN_TRANSACTION.check(PRODUCTION);
    }

    @Test
    void savepointsOnlyThroughTheHelper() {
        SAVEPOINTS_ONLY_THROUGH_THE_HELPER.check(PRODUCTION);
        assertThat(failures(SAVEPOINTS_ONLY_THROUGH_THE_HELPER))
            .anyMatch(d -> d.contains("SavepointOutsideTheHelper") && d.contains("NESTED"));
    }

    @Test
    void dataAccessRequiresTheCallersTransaction() {
        DATA_ACCESS_REQUIRES_THE_CALLERS_TRANSACTION.check(PRODUCTION);
        assertThat(failures(DATA_ACCESS_REQUIRES_THE_CALLERS_TRANSACTION))
            .anyMatch(d -> d.contains("RepositoryUserWithoutTransaction") && d.contains("GenericRepository"))
            .anyMatch(d -> d.contains("SavepointsWithoutTransaction.restockTwice()") && d.contains("Savepoints"))
            .anyMatch(d -> d.contains("AutocommittedStockUpdate.clearStock(") && d.contains("DataSource"));
    }

    /** An exception no longer needed is removed, not kept as a hole. */
    @Test
    void everyNamedExceptionIsStillNeeded() {
        assertThat(OWN_CONNECTIONS).allMatch(name -> PRODUCTION.contain(name) && usesDataAccess(PRODUCTION.get(name)));
        assertThat(Stream.concat(DRIVERS.stream(), Stream.of(AFTER_COMMIT_RELAYER)))
            .allMatch(name -> PRODUCTION.contain(name) && PRODUCTION.get(name).getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> ENTRY_POINTS.or(DRIVER).or(ADAPTERS).test(d.getTargetClass())));
    }

    @Test
    void entryPointsBeginOnlyTheirInvocationsTransaction() {
        ENTRY_POINTS_BEGIN_ONLY_THEIR_INVOCATIONS_TRANSACTION.check(PRODUCTION);
        assertThat(failures(ENTRY_POINTS_BEGIN_ONLY_THEIR_INVOCATIONS_TRANSACTION))
            .anyMatch(d -> d.contains("EntryPointInItsOwnTransaction.record()") && d.contains("REQUIRES_NEW"))
            .anyMatch(d -> d.contains("EntryPointInItsOwnTransaction.read()") && d.contains("REQUIRES_NEW"))
            .anyMatch(d -> d.contains("EntryPointInItsOwnTransaction.recordToo()") && d.contains("REQUIRES_NEW"));
    }

    @Test
    void entryPointsAreCalledOnlyFromOutsideEveryTransaction() {
        ONLY_HANDLERS_AND_DRIVERS_CALL_ENTRY_POINTS.check(PRODUCTION);
        COMMANDS_RUN_FROM_OUTSIDE_EVERY_TRANSACTION.check(PRODUCTION);
        DRIVERS_ARE_REACHED_ONLY_FROM_OUTSIDE_EVERY_TRANSACTION.check(PRODUCTION);
        assertThat(failures(COMMANDS_RUN_FROM_OUTSIDE_EVERY_TRANSACTION))
            .anyMatch(d -> d.contains("ReadRouteRunningACommand.find()"))
            .anyMatch(d -> d.contains("ReadRouteRunningADriver.find()"))
            .anyMatch(d -> d.contains("ServiceCallingAnEntryPoint.place()"));
        assertThat(failures(ONLY_HANDLERS_AND_DRIVERS_CALL_ENTRY_POINTS))
            .anyMatch(d -> d.contains("ServiceCallingAnEntryPoint") && d.contains("EntryPointInItsOwnTransaction"));
        assertThat(failures(DRIVERS_ARE_REACHED_ONLY_FROM_OUTSIDE_EVERY_TRANSACTION))
            .anyMatch(d -> d.contains("ServiceDrainingTheOutbox") && d.contains("OutboxDrain"));
    }

    @Test
    void onlyTheTransactionPackageTouchesCommitOrRollback() {
        ONLY_THE_TRANSACTION_PACKAGE_CONTROLS_TRANSACTIONS.check(PRODUCTION);
        assertThat(failures(ONLY_THE_TRANSACTION_PACKAGE_CONTROLS_TRANSACTIONS))
            .anyMatch(d -> d.contains("Connection.commit()"));
    }

    @Test
    void packagesFormNoCycle() {
        NO_PACKAGE_CYCLES.check(PRODUCTION);
        assertThat(failures(NO_PACKAGE_CYCLES)).anyMatch(d -> d.contains("cycle.left") && d.contains("cycle.right"));
    }

    @Test
    void crossCuttingPackagesKnowNoFeature() {
        PLATFORM_KNOWS_NOTHING_ABOVE_IT.check(PRODUCTION);
        HTTP_EDGE_KNOWS_NO_FEATURE.check(PRODUCTION);
    }

    @Test
    void featuresKnowNoTransport() {
        FEATURES_KNOW_NO_TRANSPORT.check(PRODUCTION);
        assertThat(failures(FEATURES_KNOW_NO_TRANSPORT))
            .anyMatch(d -> d.contains("FeatureAnsweringInHttp") && d.contains("http.problem.Problem"));
    }

    @Test
    void keepsNoMutableStaticStateOutsideTheNamedHolders() {
        NO_MUTABLE_STATIC_STATE.check(PRODUCTION);
        assertThat(failures(NO_MUTABLE_STATIC_STATE))
            .anyMatch(d -> d.contains("SharedInvocationState.lastCaller") && d.contains("static and mutable"))
            .anyMatch(d -> d.contains("SharedInvocationState.CALLER") && d.contains("outside the named holders"));
        assertThat(PER_INVOCATION_HOLDERS).allMatch(PRODUCTION::contain);
    }

    @Test
    void usesNoRandomnessThatASnapshotWouldRepeat() {
        NO_PRNG_SEEDED_BEFORE_A_SNAPSHOT.check(PRODUCTION);
        assertThat(failures(NO_PRNG_SEEDED_BEFORE_A_SNAPSHOT))
            .anyMatch(d -> d.contains("SeededJitter") && d.contains("java.util.Random"));
    }

    private static java.util.List<String> failures(ArchRule rule) {
        return rule.evaluate(BROKEN).getFailureReport().getDetails();
    }

    private static ArchCondition<JavaMethod> declareTheirTransaction() {
        return new ArchCondition<>("be @Transactional or @ReadOnly, or be a route that runs a command") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean writeRoute = method.getOwner().isAnnotatedWith(Controller.class) && runsACommand(method);
                events.add(new SimpleConditionEvent(method, propagation(method).isPresent() || writeRoute,
                    method.getFullName() + " declares neither @Transactional nor @ReadOnly, and runs no command"));
            }
        };
    }

    /** @return whether the method calls a command (a method of an {@code @EntryPoint} bean) */
    /** Runs a command, or a driver of commands (which an adapter's route may call, as it may call a command). */
    private static boolean runsACommand(JavaMethod method) {
        return method.getMethodCallsFromSelf().stream()
            .anyMatch(call -> call.getTargetOwner().isAnnotatedWith(EntryPoint.class)
                || DRIVERS.contains(call.getTargetOwner().getName()));
    }

    private static ArchCondition<JavaMethod> declareTheirIsolation() {
        return new ArchCondition<>("carry @ReadCommitted or an explicit isolation") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean declared = declares(method, ReadCommitted.class)
                    || transactional(method).filter(t -> t.hasExplicitlyDeclaredProperty("isolation")).isPresent();
                events.add(new SimpleConditionEvent(method, declared,
                    method.getFullName() + " is @Transactional without @ReadCommitted or an explicit isolation"));
            }
        };
    }

    /**
     * Micronaut's or Jakarta's {@code @Transactional} on the element, directly or through a composed annotation such
     * as {@code @Command}, if any ({@code @ReadOnly} is not one).
     */
    private static Optional<JavaAnnotation<?>> transactional(HasAnnotations<?> element) {
        return transactional(element.getAnnotations(), new HashSet<>());
    }

    private static Optional<JavaAnnotation<?>> transactional(Collection<? extends JavaAnnotation<?>> annotations,
                                                             Set<String> seen) {
        Optional<JavaAnnotation<?>> direct = annotations.stream()
            .filter(a -> Set.of("io.micronaut.transaction.annotation.Transactional", "jakarta.transaction.Transactional")
                .contains(a.getRawType().getName()))
            .<JavaAnnotation<?>>map(a -> a)
            .findFirst();
        // Only the project's own composed annotations: Micronaut's @ReadOnly is a @Transactional of its own kind.
        return direct.isPresent() ? direct : annotations.stream().map(JavaAnnotation::getRawType)
            .filter(type -> type.getPackageName().startsWith(ROOT) && seen.add(type.getName()))
            .map(type -> transactional(type.getAnnotations(), seen)).flatMap(Optional::stream).findFirst();
    }

    /** @return whether the element carries the annotation, directly or through a composed one such as {@code @Command} */
    private static boolean declares(HasAnnotations<?> element, Class<? extends Annotation> annotation) {
        return element.isAnnotatedWith(annotation) || element.isMetaAnnotatedWith(annotation);
    }

    private static ArchCondition<JavaClass> declareOnly(Set<Propagation> allowed) {
        return new ArchCondition<>("declare no propagation but " + allowed) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                declarations(type).forEach(element -> propagation(element).filter(p -> !allowed.contains(p))
                    .ifPresent(p -> events.add(SimpleConditionEvent.violated(type,
                        describe(element) + " declares a transaction with propagation " + p))));
            }
        };
    }

    private static ArchCondition<JavaClass> declareNo(Propagation forbidden) {
        return new ArchCondition<>("declare no " + forbidden + " transaction") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                declarations(type).forEach(element -> propagation(element).filter(p -> p == forbidden)
                    .ifPresent(p -> events.add(SimpleConditionEvent.violated(type,
                        describe(element) + " declares a transaction with propagation " + p))));
            }
        };
    }

    /**
     * MANDATORY, on the class or on each method it offers; and no data access where no interceptor runs (a
     * constructor, a static method or initializer), so never at bean creation or around the proxy.
     */
    private static ArchCondition<JavaClass> joinTheCallersTransaction() {
        return new ArchCondition<>("be @Transactional(propagation = MANDATORY), the class or each method it offers") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String uses = type.getName() + " uses " + dataAccessOf(type);
                if (!mandatory(type)) {
                    type.getMethods().stream().filter(ArchitectureTest::offered).filter(m -> !mandatory(m))
                        .forEach(m -> events.add(SimpleConditionEvent.violated(type, uses + ", and "
                            + m.getFullName() + " is not @Transactional(propagation = MANDATORY)")));
                }
                type.getCodeUnits().stream().filter(ArchitectureTest::unintercepted)
                    .filter(u -> u.getAccessesFromSelf().stream().anyMatch(a -> DATA_ACCESS.test(a.getTargetOwner())))
                    .forEach(u -> events.add(SimpleConditionEvent.violated(type, uses + " in "
                        + u.getFullName() + ", which no transaction interceptor wraps")));
            }
        };
    }

    private static boolean mandatory(HasAnnotations<?> element) {
        return propagation(element).filter(p -> p == Propagation.MANDATORY).isPresent();
    }

    /** A method the bean offers its callers, through its proxy. */
    private static boolean offered(JavaMethod method) {
        return !method.getModifiers().contains(JavaModifier.PRIVATE)
            && !method.getModifiers().contains(JavaModifier.STATIC)
            && !method.getModifiers().contains(JavaModifier.SYNTHETIC);
    }

    /** Code that runs without the proxy: a constructor, a static initializer, a static method others may call. */
    private static boolean unintercepted(JavaCodeUnit unit) {
        return unit instanceof JavaConstructor || unit instanceof JavaStaticInitializer
            || unit.getModifiers().contains(JavaModifier.STATIC) && !unit.getModifiers().contains(JavaModifier.PRIVATE)
            && !unit.getModifiers().contains(JavaModifier.SYNTHETIC);
    }

    private static Stream<HasAnnotations<?>> declarations(JavaClass type) {
        return Stream.concat(Stream.of(type), type.getCodeUnits().stream());
    }

    /** The annotations that declare a transaction, each with the attribute naming its propagation. */
    private static final Map<String, String> TRANSACTION_ANNOTATIONS = Map.of(
        "io.micronaut.transaction.annotation.Transactional", "propagation",
        "io.micronaut.transaction.annotation.ReadOnly", "propagation",
        // Its TxType names are Micronaut's propagation names.
        "jakarta.transaction.Transactional", "value");

    /**
     * The propagation an element declares (REQUIRED unless it says otherwise): on Micronaut's {@code @Transactional}
     * or {@code @ReadOnly} or Jakarta's {@code @Transactional}, or on an annotation that carries one (a stereotype,
     * which Micronaut applies as if it were written on the element).
     */
    private static Optional<Propagation> propagation(HasAnnotations<?> element) {
        return propagation(element.getAnnotations(), new HashSet<>());
    }

    private static Optional<Propagation> propagation(Collection<? extends JavaAnnotation<?>> annotations,
                                                     Set<String> seen) {
        for (JavaAnnotation<?> annotation : annotations) {
            String attribute = TRANSACTION_ANNOTATIONS.get(annotation.getRawType().getName());
            if (attribute != null) {
                return Optional.of(annotation.get(attribute)
                    .map(v -> Propagation.valueOf(((JavaEnumConstant) v).name()))
                    .orElse(Propagation.REQUIRED));
            }
        }
        return annotations.stream().map(a -> a.getRawType()).filter(type -> seen.add(type.getName()))
            .map(type -> propagation(type.getAnnotations(), seen)).flatMap(Optional::stream).findFirst();
    }

    private static boolean usesDataAccess(JavaClass type) {
        return type.getDirectDependenciesFromSelf().stream().anyMatch(d -> DATA_ACCESS.test(d.getTargetClass()));
    }

    private static String dataAccessOf(JavaClass type) {
        return String.join(", ", type.getDirectDependenciesFromSelf().stream().map(d -> d.getTargetClass())
            .filter(DATA_ACCESS).map(JavaClass::getName).collect(toCollection(TreeSet::new)));
    }

    private static String describe(Object element) {
        return element instanceof JavaCodeUnit unit ? unit.getFullName() : ((JavaClass) element).getName();
    }
}
