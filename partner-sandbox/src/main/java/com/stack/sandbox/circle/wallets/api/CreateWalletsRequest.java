package com.stack.sandbox.circle.wallets.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.stack.sandbox.circle.common.api.RequestFields;
import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.circle.wallets.domain.NewWallets;

/**
 * The body of {@code POST /v1/w3s/developer/wallets}. {@code accountType} defaults to EOA and
 * {@code count} to 1, as at Circle; {@code metadata}, when given, has exactly {@code count} entries.
 */
public record CreateWalletsRequest(
        String idempotencyKey,
        String entitySecretCiphertext,
        String walletSetId,
        List<String> blockchains,
        String accountType,
        Integer count,
        List<Metadata> metadata) {

    static final int MAX_COUNT = 200;
    private static final Set<String> ACCOUNT_TYPES = Set.of("EOA", "SCA");

    public record Metadata(String name, String refId) {}

    /** @throws CircleException 400 listing every invalid field */
    NewWallets validated() {
        List<FieldError> errors = new ArrayList<>();
        UUID key = RequestFields.uuid(idempotencyKey, "idempotencyKey", errors);
        RequestFields.required(entitySecretCiphertext, "entitySecretCiphertext", errors);
        UUID walletSet = RequestFields.uuid(walletSetId, "walletSetId", errors);
        List<Blockchain> chains = blockchains(errors);
        String type = accountType == null ? "EOA" : accountType;
        if (!ACCOUNT_TYPES.contains(type)) {
            errors.add(FieldError.invalid("accountType", "accountType must be EOA or SCA"));
        } else if (type.equals("SCA")
                && chains.stream().anyMatch(chain -> chain.family() == Blockchain.Family.SOLANA)) {
            errors.add(FieldError.invalid("accountType", "SCA wallets are not supported on Solana: use EOA"));
        }
        int wallets = count == null ? 1 : count;
        if (wallets < 1 || wallets > MAX_COUNT) {
            errors.add(FieldError.invalid("count", "count must be between 1 and " + MAX_COUNT));
        }
        List<NewWallets.Metadata> names = metadata(wallets, errors);
        if (!errors.isEmpty()) {
            throw CircleException.validation(errors);
        }
        return new NewWallets(key, walletSet, chains, type, wallets, names);
    }

    private List<Blockchain> blockchains(List<FieldError> errors) {
        if (blockchains == null || blockchains.isEmpty()) {
            errors.add(FieldError.required("blockchains"));
            return List.of();
        }
        List<Blockchain> chains = new ArrayList<>();
        Set<Blockchain> seen = new HashSet<>();
        for (int i = 0; i < blockchains.size(); i++) {
            Optional<Blockchain> chain = Optional.ofNullable(blockchains.get(i)).flatMap(Blockchain::named);
            if (chain.isEmpty()) {
                errors.add(
                        FieldError.invalid(
                                "blockchains[" + i + "]",
                                "Error: Field validation for 'blockchains' failed on the 'blockchain' tag: supported are ETH, ETH-SEPOLIA, SOL, SOL-DEVNET"));
            } else if (!seen.add(chain.get())) {
                errors.add(FieldError.invalid(
                        "blockchains[" + i + "]", "blockchains must not repeat " + blockchains.get(i)));
            } else {
                chains.add(chain.get());
            }
        }
        return chains;
    }

    private List<NewWallets.Metadata> metadata(int wallets, List<FieldError> errors) {
        if (metadata == null) {
            return List.of();
        }
        if (metadata.size() != wallets) {
            errors.add(FieldError.invalid("metadata", "metadata must have as many entries as count (" + wallets + ")"));
            return List.of();
        }
        List<NewWallets.Metadata> names = new ArrayList<>();
        for (int i = 0; i < metadata.size(); i++) {
            Metadata entry = metadata.get(i) == null ? new Metadata(null, null) : metadata.get(i);
            RequestFields.maxLength(entry.name(), "metadata[" + i + "].name", errors);
            RequestFields.maxLength(entry.refId(), "metadata[" + i + "].refId", errors);
            names.add(new NewWallets.Metadata(entry.name(), entry.refId()));
        }
        return names;
    }
}
