package com.stack.sandbox.circle.transfers.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.sandbox.circle.common.api.RequestFields;
import com.stack.sandbox.circle.transfers.domain.NewTransfer;
import com.stack.sandbox.circle.transfers.domain.Transfer.Money;
import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;

/**
 * The body of {@code POST /v1/businessAccount/transfers}: {@code {"idempotencyKey": UUID, "destination":
 * {"type": "blockchain", "address", "chain"}, "amount": {"amount": "10.00", "currency": "USD"}}}. Other
 * fields (Circle's {@code source}, {@code addressTag}) are ignored: the source is always the master wallet.
 */
public record CreateTransferRequest(String idempotencyKey, Destination destination, Money amount) {

    /** A positive decimal with at most two places, as Circle writes USD amounts. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");

    public record Destination(String type, String address, String chain) {}

    /** The transfer this asks for; a Circle validation error listing every broken field otherwise. */
    public NewTransfer validated() {
        List<FieldError> errors = new ArrayList<>();
        UUID key = RequestFields.uuid(idempotencyKey, "idempotencyKey", errors);
        Blockchain chain = destination(errors);
        BigDecimal value = amount(errors);
        if (!errors.isEmpty()) {
            throw CircleException.validation(errors);
        }
        return new NewTransfer(key, destination.address(), chain, value);
    }

    private Blockchain destination(List<FieldError> errors) {
        if (destination == null) {
            errors.add(FieldError.required("destination"));
            return null;
        }
        if (destination.type() == null || destination.type().isBlank()) {
            errors.add(FieldError.required("destination.type"));
        } else if (!NewTransfer.DESTINATION_TYPE.equals(destination.type())) {
            errors.add(FieldError.invalid("destination.type", "destination.type must be blockchain"));
        }
        Optional<Blockchain> chain = Optional.ofNullable(destination.chain()).flatMap(Blockchain::named);
        if (destination.chain() == null || destination.chain().isBlank()) {
            errors.add(FieldError.required("destination.chain"));
        } else if (chain.isEmpty()) {
            errors.add(FieldError.invalid(
                    "destination.chain", "destination.chain must be one of ETH, ETH-SEPOLIA, SOL, SOL-DEVNET"));
        }
        if (destination.address() == null || destination.address().isBlank()) {
            errors.add(FieldError.required("destination.address"));
        } else if (chain.isPresent() && !chain.get().isValidAddress(destination.address())) {
            errors.add(FieldError.invalid(
                    "destination.address",
                    "destination.address is not a valid " + chain.get().wireName() + " address"));
        }
        return chain.orElse(null);
    }

    private BigDecimal amount(List<FieldError> errors) {
        if (amount == null) {
            errors.add(FieldError.required("amount"));
            return null;
        }
        if (amount.currency() == null || amount.currency().isBlank()) {
            errors.add(FieldError.required("amount.currency"));
        } else if (!NewTransfer.CURRENCY.equals(amount.currency())) {
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
