package io.spawn.internal.operations;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing.
 * @param items the page, in the listing's order
 * @param nextPageToken the token that asks for the next page, or {@code null} on the last page
 * @param <T> what is listed
 */
public record Page<T>(List<T> items, @Nullable String nextPageToken) {
}
