package dev.atomicfunctions.http.request;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;

import java.util.Arrays;

/** Strong entity tags built from a row version, and RFC 9110 {@code If-Match} evaluation against them. */
public final class EntityTags {

    private EntityTags() {
    }

    /**
     * @param version the row version
     * @return the strong entity tag for that version, for example {@code "3"}
     */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** @return the response, carrying the strong entity tag of this version in {@code ETag} */
    public static <T> MutableHttpResponse<T> tagged(MutableHttpResponse<T> response, long version) {
        return response.header(HttpHeaders.ETAG, of(version));
    }

    /**
     * @param ifMatch the {@code If-Match} header, or {@code null} when absent
     * @param version the current row version
     * @return whether the precondition holds: absent, {@code *}, or a list naming the current tag. Weak tags never
     *     match, since If-Match uses the strong comparison.
     */
    public static boolean matches(@Nullable String ifMatch, long version) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return true;
        }
        String current = of(version);
        return Arrays.stream(ifMatch.split(","))
            .map(String::trim)
            .anyMatch(tag -> tag.equals("*") || tag.equals(current));
    }
}
