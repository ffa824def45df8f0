package com.stack.contracts.events;

import java.util.Arrays;
import java.util.Optional;

import com.stack.contracts.events.v1.BuyingPowerChanged;
import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.contracts.events.v1.NotificationRequested;
import com.stack.contracts.events.v1.OrderReservationAnswered;
import com.stack.contracts.events.v1.OrderReservationRequested;
import com.stack.contracts.events.v1.OrderStatusChanged;
import com.stack.contracts.events.v1.ProfileUpdated;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.contracts.events.v1.WalletCreated;
import com.stack.contracts.events.v1.WithdrawalStatusChanged;

/**
 * Every event the services exchange: its CloudEvents {@code type}, the topic it travels on, the
 * schema version of its data and the Java record that carries the data. Defined once, here.
 */
public enum EventType {
    USER_REGISTERED("com.stack.onboarding.UserRegistered", Topics.ONBOARDING, UserRegistered.class),
    KYC_STATUS_CHANGED("com.stack.onboarding.KycStatusChanged", Topics.ONBOARDING, KycStatusChanged.class),
    PROFILE_UPDATED("com.stack.onboarding.ProfileUpdated", Topics.ONBOARDING, ProfileUpdated.class),
    WALLET_CREATED("com.stack.wallet.WalletCreated", Topics.WALLET, WalletCreated.class),
    DEPOSIT_STATUS_CHANGED("com.stack.funding.DepositStatusChanged", Topics.FUNDING, DepositStatusChanged.class),
    WITHDRAWAL_STATUS_CHANGED(
            "com.stack.funding.WithdrawalStatusChanged", Topics.FUNDING, WithdrawalStatusChanged.class),
    BUYING_POWER_CHANGED("com.stack.funding.BuyingPowerChanged", Topics.FUNDING, BuyingPowerChanged.class),
    ORDER_STATUS_CHANGED("com.stack.investing.OrderStatusChanged", Topics.INVESTING, OrderStatusChanged.class),
    ORDER_RESERVATION_REQUESTED(
            "com.stack.investing.OrderReservationRequested", Topics.INVESTING, OrderReservationRequested.class),
    ORDER_RESERVATION_ANSWERED(
            "com.stack.funding.OrderReservationAnswered", Topics.FUNDING, OrderReservationAnswered.class),
    NOTIFICATION_REQUESTED(
            "com.stack.notifications.NotificationRequested", Topics.NOTIFICATIONS, NotificationRequested.class);

    /** The schema version of every payload in {@code com.stack.contracts.events.v1}. */
    public static final String V1 = "v1";

    private final String type;
    private final String topic;
    private final Class<? extends EventPayload> payloadClass;

    EventType(String type, String topic, Class<? extends EventPayload> payloadClass) {
        this.type = type;
        this.topic = topic;
        this.payloadClass = payloadClass;
    }

    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public String schemaVersion() {
        return V1;
    }

    public Class<? extends EventPayload> payloadClass() {
        return payloadClass;
    }

    public static EventType of(Class<? extends EventPayload> payloadClass) {
        return Arrays.stream(values())
                .filter(t -> t.payloadClass.equals(payloadClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not an event contract: " + payloadClass.getName()));
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
