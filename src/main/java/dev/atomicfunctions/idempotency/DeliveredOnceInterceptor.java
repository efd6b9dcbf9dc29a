package dev.atomicfunctions.idempotency;

import dev.atomicfunctions.platform.InterceptorOrder;
import dev.atomicfunctions.platform.transaction.Command;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import jakarta.inject.Singleton;

/**
 * Implements {@link Deliveries} around every {@link Command}, just inside its transaction: when a message's handler
 * runs the command, the message's de-duplication record is written with the command's effect, through the one
 * idempotency mechanism; a redelivery replays it and runs nothing (the command answers null). Outside a message's
 * handler it only reads a thread-local.
 */
@Singleton
@InterceptorBean(Command.class)
final class DeliveredOnceInterceptor implements MethodInterceptor<Object, Object> {

    private final IdempotencyKeys keys;

    DeliveredOnceInterceptor(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.DELIVERED_ONCE;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        Deliveries.Delivery delivery = Deliveries.current();
        if (delivery == null) {
            return context.proceed();
        }
        delivery.runBy(context.getExecutableMethod());
        Object[] answer = new Object[1];
        Outcome<Boolean> outcome = keys.once(delivery.invocation, delivery.deduplication, Boolean.class, () -> {
            answer[0] = context.proceed();
            return Boolean.TRUE;
        });
        delivery.replayed(outcome.replayed());
        return answer[0];
    }
}
