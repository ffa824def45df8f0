package com.stack.onboarding.kyc.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.stack.onboarding.shared.domain.KycStatus;

/** The KYC provider's verdict on an applicant, as its callbacks spell it. */
public enum KycDecision {
    APPROVED(KycStatus.APPROVED),
    REJECTED(KycStatus.REJECTED),
    /** Manual review at the provider: the user stays pending until a final decision arrives. */
    REVIEW(KycStatus.PENDING);

    private final KycStatus userStatus;

    KycDecision(KycStatus userStatus) {
        this.userStatus = userStatus;
    }

    /** The user's KYC status this decision leads to. */
    public KycStatus userStatus() {
        return userStatus;
    }

    /** Approved or rejected, as opposed to review, which another decision will follow. */
    public boolean isFinal() {
        return this != REVIEW;
    }

    /** The provider's (and the database's) spelling: approved, rejected, review. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<KycDecision> fromWireName(String value) {
        return Arrays.stream(values())
                .filter(decision -> decision.wireName().equals(value))
                .findFirst();
    }
}
