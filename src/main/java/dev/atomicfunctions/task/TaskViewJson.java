package dev.atomicfunctions.task;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The stored form of a create's answer, replayed to retries. */
@Singleton
final class TaskViewJson {

    private final JsonMapper mapper;

    TaskViewJson(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String write(TaskView view) {
        try {
            return mapper.writeValueAsString(view);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TaskView read(String json) {
        try {
            return mapper.readValue(json, TaskView.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
