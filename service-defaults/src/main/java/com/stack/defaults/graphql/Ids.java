package com.stack.defaults.graphql;

import java.util.UUID;

import com.stack.defaults.errors.InvalidInputException;
import com.stack.defaults.errors.NotFoundException;

/** GraphQL {@code ID} values are UUIDs here; anything else is a client error, not a server failure. */
public final class Ids {

    private Ids() {}

    public static UUID parse(String argument, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(argument, "is not a valid id");
        }
    }

    /** For look-ups by id: an id that cannot exist is reported as not found. */
    public static UUID parseOrNotFound(String what, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(what);
        }
    }
}
