package dev.atomicfunctions.product;

import dev.atomicfunctions.platform.invocation.Invocation;
import dev.atomicfunctions.support.Catalogue;
import dev.atomicfunctions.support.Db;
import dev.atomicfunctions.support.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Moving several products' stock at once ({@link Stock#moveAll}), on the real database, in a real transaction. */
@ExtendWith(TestDatabase.class)
class StockIT {

    private static ApplicationContext context;
    private final Invocation invocation = new Invocation("stock-it", Invocation.Origin.HTTP, null,
        UUID.randomUUID().toString(), null, Set.of(), Set.of());
    private final UUID orderId = UUID.randomUUID();

    @BeforeAll
    static void start() {
        context = ApplicationContext.run();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void changesEveryStockAndRecordsOneMovementEachInLockOrder() {
        UUID first = Catalogue.product("EUR", 100, 10);
        UUID second = Catalogue.product("EUR", 100, 5);

        List<StockMovement> moved = inTransaction(stock -> stock.moveAll(invocation, MovementKind.RESERVATION,
            List.of(new Stock.Change(first, -3), new Stock.Change(second, -5)), orderId));

        assertThat(Catalogue.stock(first)).isEqualTo(7);
        assertThat(Catalogue.stock(second)).isZero();
        assertThat(moved).extracting(StockMovement::productId)
            .containsExactlyElementsOf(inLockOrder(first, second));
        assertThat(Db.rows("SELECT product_id, quantity FROM stock_movement WHERE order_id = ? AND kind = "
            + "'RESERVATION' ORDER BY quantity", orderId))
            .extracting(row -> row.get("quantity")).containsExactly(-5, -3);
        for (UUID product : List.of(first, second)) {
            assertThat(Db.count("SELECT sum(quantity) FROM stock_movement WHERE product_id = ?", product))
                .as("stock is the sum of its movements").isEqualTo(Catalogue.stock(product));
        }
    }

    @Test
    void refusesWhenOneStockWouldGoBelowZeroWithItsStockAndLeavesEveryStockAsItWas() {
        // The product first in lock order has enough for its change, but not for it twice: a check made after its
        // own change would blame it.
        List<UUID> products = inLockOrder(Catalogue.product("EUR", 100, 5), Catalogue.product("EUR", 100, 5));
        Db.rows("UPDATE product SET stock = 1 WHERE id = ? RETURNING id", products.get(1));

        assertThatThrownBy(() -> inTransaction(stock -> stock.moveAll(invocation, MovementKind.RESERVATION,
            List.of(new Stock.Change(products.get(0), -3), new Stock.Change(products.get(1), -5)), orderId)))
            .isInstanceOfSatisfying(InsufficientStockException.class,
                refused -> assertThat(refused.extensions()).containsEntry("available", 1));

        assertThat(Catalogue.stock(products.get(0))).isEqualTo(5);
        assertThat(Catalogue.stock(products.get(1))).isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM stock_movement WHERE order_id = ?", orderId)).isZero();
    }

    @Test
    void refusesAChangeThatWouldTakeAStockBeyondItsRangeAndChangesNone() {
        UUID other = Catalogue.product("EUR", 100, 5);
        UUID full = Catalogue.product("EUR", 100, 5);
        Db.rows("UPDATE product SET stock = 2147483000 WHERE id = ? RETURNING id", full);

        assertThatThrownBy(() -> inTransaction(stock -> stock.moveAll(invocation, MovementKind.RELEASE,
            List.of(new Stock.Change(other, 1), new Stock.Change(full, 1000)), orderId)))
            .isInstanceOfSatisfying(StockLimitException.class,
                refused -> assertThat(refused.extensions()).containsEntry("available", 2147483000));

        assertThat(Catalogue.stock(other)).isEqualTo(5);
        assertThat(Catalogue.stock(full)).isEqualTo(2147483000);
    }

    /** PostgreSQL's uuid order, the order {@link Stock#lock} takes locks in: the order of the text form. */
    private static List<UUID> inLockOrder(UUID... products) {
        return Arrays.stream(products).sorted(Comparator.comparing(UUID::toString)).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T inTransaction(Function<Stock, T> work) {
        TransactionOperations<Connection> transactions = context.getBean(
            Argument.of(TransactionOperations.class, Connection.class));
        return transactions.executeWrite(status -> work.apply(context.getBean(Stock.class)));
    }
}
