package dev.atomicfunctions.order;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OrderLineRepository extends GenericRepository<OrderLine, UUID> {

    List<OrderLine> saveAll(Iterable<OrderLine> lines);

    List<OrderLine> findByOrderIdOrderByLineNo(UUID orderId);

    List<OrderLine> findByOrderIdInOrderByLineNo(List<UUID> orderIds);
}
