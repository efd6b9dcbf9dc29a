package dev.atomicfunctions.http.task;

import dev.atomicfunctions.http.request.PrimingRequests;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;

import java.util.List;

/** The tasks' paths for SnapStart priming: a list, a create, and a create refused by validation. */
@Singleton
@Order(1)
final class TaskPrimingRequests implements PrimingRequests {

    @Override
    public List<PrimingRequest> alone() {
        return List.of(
            new PrimingRequest("GET", "/tasks", null, 200),
            new PrimingRequest("POST", "/tasks", "{\"title\":\"SnapStart priming\",\"description\":\"rolled back\"}",
                201),
            new PrimingRequest("POST", "/tasks", "{\"title\":\"\"}", 400));
    }
}
