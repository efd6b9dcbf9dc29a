package dev.atomicfunctions.platform.invocation;

import dev.atomicfunctions.platform.InterceptorOrder;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.core.order.Ordered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

/** Refuses a caller who is no administrator before the entry point's transaction begins: see {@link AdministratorsOnly}. */
@InterceptorBean(AdministratorsOnly.class)
final class AdministratorsOnlyInterceptor implements MethodInterceptor<Object, Object>, Ordered {

    private static final Logger SECURITY = LoggerFactory.getLogger("security");

    private final Administrators administrators;

    AdministratorsOnlyInterceptor(Administrators administrators) {
        this.administrators = administrators;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        Invocation invocation = Arrays.stream(context.getParameterValues())
            .filter(Invocation.class::isInstance).map(Invocation.class::cast).findFirst()
            .orElseThrow(() -> new IllegalStateException(context.getExecutableMethod()
                + " is @AdministratorsOnly but takes no Invocation: there is no caller to judge"));
        if (!administrators.include(invocation)) {
            // Refused writes are not audited (nothing is written), but the attempt leaves a trace.
            SECURITY.atWarn().addKeyValue("caller", invocation.subject())
                .addKeyValue("operation", context.getExecutableMethod().getMethodName())
                .log("refused a caller who is no administrator");
            throw new NotAnAdministratorException();
        }
        return context.proceed();
    }

    @Override
    public int getOrder() {
        return InterceptorOrder.AUTHORIZATION;
    }
}
