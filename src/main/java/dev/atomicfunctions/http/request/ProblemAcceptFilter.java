package dev.atomicfunctions.http.request;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.annotation.PreMatching;

import java.util.Collection;

/**
 * A client that accepts {@code application/problem+json} accepts the API's JSON too. Micronaut matches a route only
 * when the route produces a type the client accepts; controllers produce {@code application/json}, so such a
 * client would get 406 for everything, its problems included. Before routing, {@code application/json} is added to
 * its {@code Accept}: it gets the same answers as everyone (successes as {@code application/json}, which RFC 9110
 * section 12.5.1 permits, errors as problems). A client accepting neither still gets 406.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ProblemAcceptFilter {

    private static final MediaType PROBLEM = MediaType.of("application/problem+json");

    @PreMatching
    @RequestFilter
    void acceptJsonWithProblems(HttpRequest<?> request) {
        Collection<MediaType> accepted = request.accept();
        if (accepted.contains(PROBLEM) && !accepted.contains(MediaType.APPLICATION_JSON_TYPE)
            && !accepted.contains(MediaType.ALL_TYPE)) {
            GatewayEvents.alsoAcceptJson(request);
        }
    }
}
