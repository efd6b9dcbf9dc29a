package dev.atomicfunctions.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * The Lambda {@link Context} the runtime would pass: a fresh request id per invocation, and the time left counting
 * down from the deployed function's timeout (infra's {@code FunctionSettings}), so that a local invocation meets the
 * deadline the deployed one would.
 */
public record TestLambdaContext(String functionName, String awsRequestId, long deadlineNanos) implements Context {

    /** The deployed timeouts, by the local function names; any other name gets the API's. */
    private static final Map<String, Duration> DEPLOYED_TIMEOUTS = Map.of(
        "tasks-api", Duration.ofSeconds(10),
        "queue-consumer", Duration.ofSeconds(30),
        "scheduled-jobs", Duration.ofSeconds(60),
        "migrate", Duration.ofMinutes(5));

    /** @param functionName the local name of the function: its deployed timeout starts now */
    public TestLambdaContext(String functionName) {
        this(functionName, DEPLOYED_TIMEOUTS.getOrDefault(functionName, Duration.ofSeconds(10)));
    }

    public TestLambdaContext(String functionName, Duration timeout) {
        this(functionName, UUID.randomUUID().toString(), System.nanoTime() + timeout.toNanos());
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return null;
    }
}
