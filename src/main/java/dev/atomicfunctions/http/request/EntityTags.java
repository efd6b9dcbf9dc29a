package dev.atomicfunctions.http.request;

import dev.atomicfunctions.platform.version.Precondition;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Strong entity tags built from a row version, and RFC 9110 {@code If-Match} read as a {@link Precondition}. */
public final class EntityTags {

    private static final Pattern STRONG_TAG = Pattern.compile("\"(\\d{1,18})\"");

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
     * @return what it asks of the version: nothing when absent or {@code *}, else the versions its strong tags name.
     *     Weak tags and anything else name no version, since If-Match uses the strong comparison.
     */
    public static Precondition precondition(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return Precondition.NONE;
        }
        List<String> tags = Arrays.stream(ifMatch.split(",")).map(String::trim).toList();
        if (tags.contains("*")) {
            return Precondition.NONE;
        }
        return new Precondition(false, tags.stream().map(STRONG_TAG::matcher).filter(Matcher::matches)
            .map(tag -> Long.parseLong(tag.group(1))).collect(Collectors.toSet()));
    }
}
