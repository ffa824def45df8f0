package com.stack.sandbox.circle.payouts.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.sandbox.circle.common.api.RequestFields;
import com.stack.sandbox.circle.payouts.domain.NewPayout;
import com.stack.sandbox.circle.payouts.domain.Payout.Endpoint;
import com.stack.sandbox.circle.payouts.domain.Payout.Money;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;

/**
 * The body of {@code POST /v1/businessAccount/payouts}: {@code {"idempotencyKey": UUID, "source":
 * {"type": "wallet", "id"}, "destination": {"type": "wire", "id"}, "amount": {"amount": "125.00",
 * "currency": "USD"}}}. Other fields are ignored.
 */
public record CreatePayoutRequest(String idempotencyKey, Endpoint source, Endpoint destination, Money amount) {

    /** A positive decimal with at most two places, as Circle writes USD amounts. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");

    /** The payout this asks for; a Circle validation error listing every broken field otherwise. */
    public NewPayout validated() {
        List<FieldError> errors = new ArrayList<>();
        UUID key = RequestFields.uuid(idempotencyKey, "idempotencyKey", errors);
        String sourceId = endpoint(source, "source", NewPayout.SOURCE_TYPE, errors);
        String destinationId = endpoint(destination, "destination", NewPayout.DESTINATION_TYPE, errors);
        BigDecimal value = amount(errors);
        if (!errors.isEmpty()) {
            throw CircleException.validation(errors);
        }
        return new NewPayout(key, sourceId, destinationId, value);
    }

    private static String endpoint(Endpoint endpoint, String location, String type, List<FieldError> errors) {
        if (endpoint == null) {
            errors.add(FieldError.required(location));
            return null;
        }
        if (endpoint.type() == null || endpoint.type().isBlank()) {
            errors.add(FieldError.required(location + ".type"));
        } else if (!type.equals(endpoint.type())) {
            errors.add(FieldError.invalid(location + ".type", location + ".type must be " + type));
        }
        RequestFields.required(endpoint.id(), location + ".id", errors);
        RequestFields.maxLength(endpoint.id(), location + ".id", errors);
        return endpoint.id();
    }

    private BigDecimal amount(List<FieldError> errors) {
        if (amount == null) {
            errors.add(FieldError.required("amount"));
            return null;
        }
        if (amount.currency() == null || amount.currency().isBlank()) {
            errors.add(FieldError.required("amount.currency"));
        } else if (!NewPayout.CURRENCY.equals(amount.currency())) {
            errors.add(FieldError.invalid("amount.currency", "amount.currency must be USD"));
        }
        if (amount.amount() == null || amount.amount().isBlank()) {
            errors.add(FieldError.required("amount.amount"));
            return null;
        }
        BigDecimal value = AMOUNT.matcher(amount.amount()).matches() ? new BigDecimal(amount.amount()) : null;
        if (value == null || value.signum() <= 0) {
            errors.add(FieldError.invalid(
                    "amount.amount", "amount.amount must be a positive decimal string with at most 2 decimal places"));
            return null;
        }
        return value;
    }
}
