package com.stack.sandbox.circle.transactions.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.sandbox.circle.common.api.RequestFields;
import com.stack.sandbox.circle.transactions.domain.NewTransaction;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;

/**
 * The body of {@code POST /v1/w3s/developer/transactions/transfer}: {@code {"idempotencyKey", "entitySecretCiphertext",
 * "walletId", "destinationAddress", "amounts": ["10.00"], "tokenId", "feeLevel", "refId"}}. The sandbox
 * sends one token amount at a time and only by fee level: Circle's gas fields and NFTs are ignored.
 */
public record CreateTransferTransactionRequest(
        String idempotencyKey,
        String entitySecretCiphertext,
        String walletId,
        String destinationAddress,
        List<String> amounts,
        String tokenId,
        String feeLevel,
        String refId) {

    static final Set<String> FEE_LEVELS = Set.of("LOW", "MEDIUM", "HIGH");
    /** A positive decimal with at most USDC's 6 places. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,6})?");

    /** @throws CircleException 400 listing every invalid field */
    NewTransaction validated() {
        List<FieldError> errors = new ArrayList<>();
        UUID key = RequestFields.uuid(idempotencyKey, "idempotencyKey", errors);
        RequestFields.required(entitySecretCiphertext, "entitySecretCiphertext", errors);
        UUID wallet = RequestFields.uuid(walletId, "walletId", errors);
        RequestFields.required(destinationAddress, "destinationAddress", errors);
        RequestFields.maxLength(destinationAddress, "destinationAddress", errors);
        BigDecimal amount = amount(errors);
        RequestFields.required(tokenId, "tokenId", errors);
        RequestFields.maxLength(tokenId, "tokenId", errors);
        if (feeLevel == null || feeLevel.isBlank()) {
            errors.add(FieldError.required("feeLevel"));
        } else if (!FEE_LEVELS.contains(feeLevel)) {
            errors.add(FieldError.invalid("feeLevel", "feeLevel must be LOW, MEDIUM or HIGH"));
        }
        RequestFields.maxLength(refId, "refId", errors);
        if (!errors.isEmpty()) {
            throw CircleException.validation(errors);
        }
        return new NewTransaction(key, wallet, destinationAddress, amount, tokenId, feeLevel, refId);
    }

    private BigDecimal amount(List<FieldError> errors) {
        if (amounts == null || amounts.isEmpty()) {
            errors.add(FieldError.required("amounts"));
            return null;
        }
        if (amounts.size() > 1) {
            errors.add(FieldError.invalid("amounts", "amounts must hold exactly one amount for a token transfer"));
            return null;
        }
        String amount = amounts.get(0);
        BigDecimal value = amount != null && AMOUNT.matcher(amount).matches() ? new BigDecimal(amount) : null;
        if (value == null || value.signum() <= 0) {
            errors.add(FieldError.invalid(
                    "amounts[0]", "amounts[0] must be a positive decimal string with at most 6 decimal places (USDC)"));
            return null;
        }
        return value;
    }
}
