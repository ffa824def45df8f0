package com.stack.onboarding.user.app;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.user.domain.User;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads users, always on behalf of a caller who may only see themselves. */
@Service
public class CurrentUser {

    private final Users users;

    public CurrentUser(Users users) {
        this.users = users;
    }

    public Mono<User> me(Caller caller) {
        return users.findById(caller.userId())
                .switchIfEmpty(Mono.error(() -> new NotFoundException("User (sign up first)")));
    }

    /**
     * Resolves entity references in the order asked, with null where the user does not exist or is
     * not the caller.
     */
    public Mono<List<User>> byIds(Caller caller, List<UUID> ids) {
        List<UUID> own = ids.stream().filter(caller.userId()::equals).distinct().toList();
        return users.findAllById(own)
                .collectMap(User::id, Function.identity())
                .map(found -> ids.stream().map(id -> found.get(id)).collect(Collectors.toList()));
    }
}
