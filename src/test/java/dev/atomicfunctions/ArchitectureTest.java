package dev.atomicfunctions;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.http.annotation.Controller;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the transaction design true: entry points (controllers) own the boundary, everything else joins it
 * ({@code MANDATORY}), and only the transaction package may ever touch commit or rollback.
 * Each rule is also run against deliberately broken fixtures, to show it can fail.
 */
class ArchitectureTest {

    private static final String TRANSACTION_PACKAGE = "dev.atomicfunctions.shared.transaction..";
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.atomicfunctions");
    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages("dev.atomicfunctions.archfixture");

    /** Micronaut generates {@code $...} and {@code ...$Intercepted} classes; the rules judge the code we write. */
    private static final DescribedPredicate<JavaClass> HAND_WRITTEN = DescribedPredicate.describe("hand-written",
        c -> !c.getSimpleName().startsWith("$") && !c.getName().contains(".$") && !c.getName().endsWith("$Intercepted"));

    private static final ArchRule ONLY_ENTRY_POINTS_BEGIN_TRANSACTIONS = classes()
        .that(HAND_WRITTEN).and().areNotAnnotatedWith(Controller.class)
        .should(beginNoTransactionOfTheirOwn())
        .because("the handler owns the transaction; services only join it");

    private static final ArchRule DATA_ACCESS_REQUIRES_THE_CALLERS_TRANSACTION = classes()
        .that(HAND_WRITTEN).and().areNotAnnotatedWith(Controller.class).and().areNotInterfaces()
        .and(DescribedPredicate.describe("use a repository", ArchitectureTest::usesRepository))
        .should(requireTheCallersTransaction())
        .because("a write outside the entry point's transaction could commit half a request");

    private static final ArchRule ONLY_THE_TRANSACTION_PACKAGE_CONTROLS_TRANSACTIONS = noClasses()
        .that(HAND_WRITTEN).and().resideOutsideOfPackage(TRANSACTION_PACKAGE)
        .should().callMethodWhere(target(owner(assignableTo(Connection.class)))
            .and(target(nameMatching("commit|rollback|setAutoCommit|setSavepoint|releaseSavepoint"))))
        .orShould().dependOnClassesThat(assignableTo(TransactionOperations.class)
            .or(assignableTo(TransactionStatus.class)))
        .because("commit and rollback belong to the transaction interceptor alone");

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
    void usesNoRandomnessThatASnapshotWouldRepeat() {
        NO_PRNG_SEEDED_BEFORE_A_SNAPSHOT.check(PRODUCTION);
        assertThat(NO_PRNG_SEEDED_BEFORE_A_SNAPSHOT.evaluate(BROKEN).getFailureReport().getDetails())
            .anyMatch(d -> d.contains("SeededJitter") && d.contains("java.util.Random"));
    }

    @Test
    void onlyEntryPointsBeginTransactions() {
        ONLY_ENTRY_POINTS_BEGIN_TRANSACTIONS.check(PRODUCTION);
        assertThat(ONLY_ENTRY_POINTS_BEGIN_TRANSACTIONS.evaluate(BROKEN).getFailureReport().getDetails())
            .anyMatch(d -> d.contains("SelfCommittingService") && d.contains("REQUIRED"));
    }

    @Test
    void dataAccessRequiresTheCallersTransaction() {
        DATA_ACCESS_REQUIRES_THE_CALLERS_TRANSACTION.check(PRODUCTION);
        assertThat(DATA_ACCESS_REQUIRES_THE_CALLERS_TRANSACTION.evaluate(BROKEN).getFailureReport().getDetails())
            .anyMatch(d -> d.contains("RepositoryUserWithoutTransaction"));
    }

    @Test
    void onlyTheTransactionPackageTouchesCommitOrRollback() {
        ONLY_THE_TRANSACTION_PACKAGE_CONTROLS_TRANSACTIONS.check(PRODUCTION);
        assertThat(ONLY_THE_TRANSACTION_PACKAGE_CONTROLS_TRANSACTIONS.evaluate(BROKEN).getFailureReport().getDetails())
            .anyMatch(d -> d.contains("Connection.commit()"));
    }

    private static ArchCondition<JavaClass> beginNoTransactionOfTheirOwn() {
        return new ArchCondition<>("declare no transaction other than MANDATORY") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                Stream.concat(Stream.of(type), type.getCodeUnits().stream())
                    .forEach(element -> propagation(element).filter(p -> p != TransactionDefinition.Propagation.MANDATORY)
                        .ifPresent(p -> events.add(SimpleConditionEvent.violated(type,
                            describe(element) + " declares a transaction with propagation " + p))));
            }
        };
    }

    private static ArchCondition<JavaClass> requireTheCallersTransaction() {
        return new ArchCondition<>("be @Transactional(propagation = MANDATORY)") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean mandatory = propagation(type).filter(p -> p == TransactionDefinition.Propagation.MANDATORY).isPresent();
                events.add(new SimpleConditionEvent(type, mandatory,
                    type.getName() + " uses a repository but is not @Transactional(propagation = MANDATORY)"));
            }
        };
    }

    /** The propagation an element declares: Micronaut's {@code @Transactional} or {@code @ReadOnly} (REQUIRED). */
    private static Optional<TransactionDefinition.Propagation> propagation(HasAnnotations<?> element) {
        for (JavaAnnotation<?> annotation : element.getAnnotations()) {
            String name = annotation.getRawType().getName();
            if (name.equals("io.micronaut.transaction.annotation.Transactional")) {
                return Optional.of(annotation.get("propagation")
                    .map(v -> TransactionDefinition.Propagation.valueOf(((com.tngtech.archunit.core.domain.JavaEnumConstant) v).name()))
                    .orElse(TransactionDefinition.Propagation.REQUIRED));
            }
            if (Set.of("io.micronaut.transaction.annotation.ReadOnly", "jakarta.transaction.Transactional").contains(name)) {
                return Optional.of(TransactionDefinition.Propagation.REQUIRED);
            }
        }
        return Optional.empty();
    }

    private static boolean usesRepository(JavaClass type) {
        return type.getDirectDependenciesFromSelf().stream()
            .anyMatch(d -> d.getTargetClass().isAssignableTo(GenericRepository.class));
    }

    private static String describe(Object element) {
        return element instanceof JavaCodeUnit unit ? unit.getFullName() : ((JavaClass) element).getName();
    }
}
