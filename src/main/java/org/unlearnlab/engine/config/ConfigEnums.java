package org.unlearnlab.engine.config;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

final class ConfigEnums {
    private ConfigEnums() {
    }

    /** Looks an enum constant up by its config id; the message lists the accepted ids. */
    static <E extends Enum<E>> E fromId(Class<E> type, String id) {
        Function<E, String> idOf = e -> e.toString();
        for (E e : type.getEnumConstants()) {
            if (idOf.apply(e).equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(idOf).collect(Collectors.joining(", ")));
    }
}
