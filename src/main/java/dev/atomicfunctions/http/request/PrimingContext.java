package dev.atomicfunctions.http.request;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.util.UUID;

/** The Lambda context of a SnapStart priming request: no real invocation, the API function's timeout ahead. */
final class PrimingContext implements Context {

    private final String requestId = "snapstart-priming-" + UUID.randomUUID();

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return null; }
    @Override public String getLogStreamName() { return null; }
    @Override public String getFunctionName() { return "snapstart-priming"; }
    @Override public String getFunctionVersion() { return null; }
    @Override public String getInvokedFunctionArn() { return null; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 10_000; }
    @Override public int getMemoryLimitInMB() { return 0; }
    @Override public LambdaLogger getLogger() { return null; }
}
