package dev.atomicfunctions.platform.error;

import java.util.Locale;

/** How an entity's name in words becomes a problem type slug and a title. */
final class EntityNames {

    private EntityNames() {
    }

    /** @return "stock-movement" for "stock movement" */
    static String slug(String entity) {
        return entity.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    /** @return "Stock movement" for "stock movement" */
    static String title(String entity) {
        return entity.substring(0, 1).toUpperCase(Locale.ROOT) + entity.substring(1);
    }
}
