package com.stack.defaults.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * {@link RedisLiveUpdates} against the real Redis on 127.0.0.1:6379 (infra/redis.sh): what is published after
 * {@code listen} completed reaches the listener, on the user's channel and in the wire form; another user's update
 * does not, nor one that names another user on this user's channel, nor an unreadable one.
 */
class RedisLiveUpdatesTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The domain side: what changes. */
    record Note(UUID id, UUID userId, String text) {}

    /** Its wire form, apart from it. */
    record NoteMessage(UUID id, UUID owner, String body) {}

    static LettuceConnectionFactory connections;
    static ReactiveStringRedisTemplate redis;

    final String prefix = "stack:test:notes:" + UUID.randomUUID();

    LiveUpdates<Note> updates() {
        return RedisLiveUpdates.of(
                redis,
                prefix,
                NoteMessage.class,
                note -> new NoteMessage(note.id(), note.userId(), note.text()),
                message -> new Note(message.id(), message.owner(), message.body()),
                NoteMessage::owner);
    }

    @BeforeAll
    static void connect() {
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
        connections.afterPropertiesSet();
        connections.start();
        redis = new ReactiveStringRedisTemplate(connections);
    }

    @AfterAll
    static void disconnect() {
        connections.destroy();
    }

    @Test
    void anUpdatePublishedAfterListenCompletedReachesTheUsersListenerOnly() {
        LiveUpdates<Note> updates = updates();
        UUID user = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Note mine = new Note(UUID.randomUUID(), user, "mine");
        Note theirs = new Note(UUID.randomUUID(), other, "theirs");
        Note mineAgain = new Note(UUID.randomUUID(), user, "mine again");

        Flux<Note> received = updates.listen(user).block(TIMEOUT);
        StepVerifier.create(received.take(2))
                .then(() -> updates.publish(mine)
                        .then(updates.publish(theirs))
                        .then(updates.publish(mineAgain))
                        .block(TIMEOUT))
                .expectNext(mine, mineAgain)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void theWireFormGoesOnTheChannelOfTheUserItNames() {
        LiveUpdates<Note> updates = updates();
        UUID user = UUID.randomUUID();
        Note note = new Note(UUID.randomUUID(), user, "hello");

        List<String> raw = redis.listenToChannelLater(prefix + ":" + user)
                .flatMapMany(messages -> messages.map(message -> message.getMessage())
                        .take(1)
                        .doOnSubscribe(s -> updates.publish(note).subscribe()))
                .collectList()
                .block(TIMEOUT);

        assertThat(raw)
                .singleElement()
                .asString()
                .contains("\"owner\":\"" + user + "\"")
                .contains("\"body\":\"hello\"")
                .doesNotContain("userId");
    }

    @Test
    void anUpdateNamingAnotherUserOrUnreadableIsDroppedFromTheUsersChannel() {
        LiveUpdates<Note> updates = updates();
        UUID user = UUID.randomUUID();
        String channel = prefix + ":" + user;
        Note mine = new Note(UUID.randomUUID(), user, "mine");
        String forged =
                "{\"id\":\"" + UUID.randomUUID() + "\",\"owner\":\"" + UUID.randomUUID() + "\",\"body\":\"not yours\"}";

        Flux<Note> received = updates.listen(user).block(TIMEOUT);
        StepVerifier.create(received.take(1))
                .then(() -> redis.convertAndSend(channel, forged)
                        .then(redis.convertAndSend(channel, "not json"))
                        .then(updates.publish(mine))
                        .block(TIMEOUT))
                .expectNext(mine)
                .expectComplete()
                .verify(TIMEOUT);
    }

    @Test
    void ofListensToTheUsersUpdates() {
        LiveUpdates<Note> updates = updates();
        UUID user = UUID.randomUUID();
        Note mine = new Note(UUID.randomUUID(), user, "mine");

        // of() gives no signal when the listening is in place: publish until the first arrives
        Flux<Note> publishing = Flux.interval(Duration.ofMillis(100))
                .take(50)
                .concatMap(i -> updates.publish(mine))
                .thenMany(Flux.empty());
        StepVerifier.create(Flux.merge(updates.of(user), publishing).take(1))
                .expectNext(mine)
                .expectComplete()
                .verify(TIMEOUT);
    }
}
