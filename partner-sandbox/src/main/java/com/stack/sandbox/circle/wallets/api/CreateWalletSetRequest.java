package com.stack.sandbox.circle.wallets.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.stack.sandbox.circle.common.api.RequestFields;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.circle.wallets.domain.NewWalletSet;

/** The body of {@code POST /v1/w3s/developer/walletSets}. */
public record CreateWalletSetRequest(String idempotencyKey, String entitySecretCiphertext, String name) {

    /** @throws CircleException 400 listing every invalid field */
    NewWalletSet validated() {
        List<FieldError> errors = new ArrayList<>();
        UUID key = RequestFields.uuid(idempotencyKey, "idempotencyKey", errors);
        RequestFields.required(entitySecretCiphertext, "entitySecretCiphertext", errors);
        RequestFields.maxLength(name, "name", errors);
        if (!errors.isEmpty()) {
            throw CircleException.validation(errors);
        }
        return new NewWalletSet(key, name);
    }
}
