package com.stack.onboarding.user.adapters;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

import com.stack.onboarding.shared.domain.KycStatus;
import com.stack.onboarding.shared.domain.PasscodeLockout;
import com.stack.onboarding.user.app.Users;
import com.stack.onboarding.user.domain.Profile;
import com.stack.onboarding.user.domain.User;
import io.r2dbc.spi.Readable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class UserRepository implements Users {

    private static final String COLUMNS =
            "id, auth_provider_id, email, phone_number, kyc_status, created_at, display_name, " + "time_zone, country";
    private static final String CLEAR_LOCKOUT = "passcode_failed_attempts = 0, passcode_lockouts = 0, "
            + "passcode_locked_until = NULL, passcode_reset_required = FALSE";

    private final DatabaseClient db;

    public UserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the user unless one already exists for the subject; empty when it already existed. */
    @Override
    public Mono<User> insertIfAbsent(UUID id, String subject, String email, String phoneNumber) {
        var insert = db.sql(
                        "INSERT INTO users (id, auth_provider_id, email, phone_number) VALUES (:id, :subject, :email, :phone) "
                                + "ON CONFLICT (auth_provider_id) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("subject", subject)
                .bind("email", email);
        insert = phoneNumber == null ? insert.bindNull("phone", String.class) : insert.bind("phone", phoneNumber);
        return insert.map(UserRepository::user).one();
    }

    @Override
    public Mono<User> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(UserRepository::user)
                .one();
    }

    @Override
    public Flux<User> findAllById(Collection<UUID> ids) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(UserRepository::user)
                .all();
    }

    /** The passcode's hash and lockout, read under the user's row lock; empty for an unknown user. */
    @Override
    public Mono<PasscodeState> lockPasscodeState(UUID id) {
        return db.sql("SELECT passcode_hash, passcode_failed_attempts, passcode_lockouts, passcode_locked_until, "
                        + "passcode_reset_required FROM users WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(row -> new PasscodeState(
                        row.get("passcode_hash", String.class),
                        new PasscodeLockout(
                                row.get("passcode_failed_attempts", Integer.class),
                                row.get("passcode_lockouts", Integer.class),
                                instant(row.get("passcode_locked_until", OffsetDateTime.class)),
                                row.get("passcode_reset_required", Boolean.class))))
                .one();
    }

    /** Stores the new passcode's hash; its lockout starts afresh (the guesses were against the old one). */
    @Override
    public Mono<Long> updatePasscode(UUID id, String hash) {
        return db.sql("UPDATE users SET passcode_hash = :hash, " + CLEAR_LOCKOUT + " WHERE id = :id")
                .bind("id", id)
                .bind("hash", hash)
                .fetch()
                .rowsUpdated();
    }

    @Override
    public Mono<Long> storePasscodeLockout(UUID id, PasscodeLockout lockout) {
        var spec = db.sql("UPDATE users SET passcode_failed_attempts = :failed, passcode_lockouts = :lockouts, "
                        + "passcode_locked_until = :until, passcode_reset_required = :reset WHERE id = :id")
                .bind("id", id)
                .bind("failed", lockout.failedAttempts())
                .bind("lockouts", lockout.lockouts())
                .bind("reset", lockout.resetRequired());
        spec = lockout.lockedUntil() == null
                ? spec.bindNull("until", OffsetDateTime.class)
                : spec.bind("until", lockout.lockedUntil());
        return spec.fetch().rowsUpdated();
    }

    /**
     * Clears the lockout after a successful verification, unless the passcode was replaced since it was
     * read ({@code hash}): the success proved the old passcode, not the new one.
     */
    @Override
    public Mono<Long> clearPasscodeLockout(UUID id, String hash) {
        return db.sql("UPDATE users SET " + CLEAR_LOCKOUT + " WHERE id = :id AND passcode_hash = :hash")
                .bind("id", id)
                .bind("hash", hash)
                .fetch()
                .rowsUpdated();
    }

    /** The user, read under the user's row lock; empty for an unknown user. */
    @Override
    public Mono<User> lockById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(UserRepository::user)
                .one();
    }

    /**
     * Stores the profile; the user and when its profile changed: strictly later than its previous change, even if
     * the clock stepped back, so that consumers keeping the newest profile by this time keep the last one.
     */
    @Override
    public Mono<ProfileChanged> updateProfile(UUID id, Profile profile) {
        var update = db.sql("UPDATE users SET phone_number = :phone, display_name = :name, time_zone = :zone, "
                        + "profile_updated_at = GREATEST(clock_timestamp(), profile_updated_at + interval '1 microsecond') "
                        + "WHERE id = :id RETURNING " + COLUMNS + ", profile_updated_at")
                .bind("id", id)
                .bind("zone", profile.timeZone());
        update = profile.phoneNumber() == null
                ? update.bindNull("phone", String.class)
                : update.bind("phone", profile.phoneNumber());
        update = profile.displayName() == null
                ? update.bindNull("name", String.class)
                : update.bind("name", profile.displayName());
        return update.map(row ->
                        new ProfileChanged(user(row), instant(row.get("profile_updated_at", OffsetDateTime.class))))
                .one();
    }

    /** Whether the error is the violation of the phone number's uniqueness (PostgreSQL names it users_phone_number_key). */
    @Override
    public boolean isPhoneNumberTaken(DataIntegrityViolationException e) {
        return String.valueOf(e.getMessage()).contains("users_phone_number_key");
    }

    /** The user's KYC status and its version, read under the user's row lock; empty for an unknown user. */
    @Override
    public Mono<KycState> lockKycState(UUID id) {
        return db.sql("SELECT kyc_status, kyc_version FROM users WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(row -> new KycState(
                        KycStatus.fromColumn(row.get("kyc_status", String.class)), row.get("kyc_version", Long.class)))
                .one();
    }

    /**
     * Sets the user's KYC status and bumps its version; the new version. An approval also makes {@code country}
     * (the approved application's, when known) the user's.
     */
    @Override
    public Mono<Long> changeKycStatus(UUID id, KycStatus status, String country) {
        boolean setsCountry = status == KycStatus.APPROVED && country != null;
        var update = db.sql("UPDATE users SET kyc_status = :status, kyc_version = kyc_version + 1"
                        + (setsCountry ? ", country = :country" : "") + " WHERE id = :id RETURNING kyc_version")
                .bind("id", id)
                .bind("status", status.column());
        return (setsCountry ? update.bind("country", country) : update)
                .map(row -> row.get("kyc_version", Long.class))
                .one();
    }

    private static User user(Readable row) {
        return new User(
                row.get("id", UUID.class),
                row.get("auth_provider_id", String.class),
                row.get("email", String.class),
                row.get("phone_number", String.class),
                KycStatus.fromColumn(row.get("kyc_status", String.class)),
                instant(row.get("created_at", OffsetDateTime.class)),
                row.get("display_name", String.class),
                row.get("time_zone", String.class),
                row.get("country", String.class));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
