package com.stack.sandbox.circle.wallets.api;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.stack.sandbox.circle.common.api.RequestFields;
import com.stack.sandbox.circle.notifications.config.CircleNotificationProperties;
import com.stack.sandbox.circle.wallets.app.DeveloperWallets;
import com.stack.sandbox.circle.wallets.app.EntitySecret;
import com.stack.sandbox.circle.wallets.app.WalletBalances;
import com.stack.sandbox.circle.wallets.domain.Blockchain;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.circle.wallets.domain.TokenBalance;
import com.stack.sandbox.circle.wallets.domain.UsdcHolding;
import com.stack.sandbox.circle.wallets.domain.Wallet;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The subset of Circle's developer-controlled wallets API that STACK uses, under {@value #BASE_PATH}.
 * The API key is checked before a request gets here ({@code ApiKeyFilter}); every write proves the
 * entity secret with a fresh ciphertext first.
 */
@RestController
@RequestMapping(path = CircleWalletsController.BASE_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class CircleWalletsController {

    public static final String BASE_PATH = "/circle";

    private final EntitySecret entitySecret;
    private final DeveloperWallets wallets;
    private final WalletBalances balances;
    private final CircleNotificationProperties tokens;

    public CircleWalletsController(
            EntitySecret entitySecret,
            DeveloperWallets wallets,
            WalletBalances balances,
            CircleNotificationProperties tokens) {
        this.entitySecret = entitySecret;
        this.wallets = wallets;
        this.balances = balances;
        this.tokens = tokens;
    }

    @GetMapping("/v1/w3s/config/entity/publicKey")
    public Map<String, Object> publicKey() {
        return data(Map.of("publicKey", entitySecret.publicKeyPem()));
    }

    @PostMapping(path = "/v1/w3s/developer/walletSets", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> createWalletSet(@RequestBody CreateWalletSetRequest request) {
        return write(request::validated, request.entitySecretCiphertext(), wallets::createWalletSet, "walletSet");
    }

    @PostMapping(path = "/v1/w3s/developer/wallets", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Object>>> createWallets(@RequestBody CreateWalletsRequest request) {
        return write(request::validated, request.entitySecretCiphertext(), wallets::createWallets, "wallets");
    }

    /** Lists wallets, filtered as Circle's {@code GET /v1/w3s/wallets} is by {@code refId} and {@code blockchain}. */
    @GetMapping("/v1/w3s/wallets")
    public Map<String, Object> wallets(
            @RequestParam(required = false) String refId, @RequestParam(required = false) String blockchain) {
        return data(Map.of("wallets", wallets.list(refId, blockchain)));
    }

    @GetMapping("/v1/w3s/wallets/{id}")
    public Map<String, Object> wallet(@PathVariable String id) {
        return data(Map.of(
                "wallet", wallets.wallet(RequestFields.pathId(id)).orElseThrow(CircleException::walletNotFound)));
    }

    /** The wallet's USDC (the one token the sandbox knows), listed also when it holds none ("0"). */
    @GetMapping("/v1/w3s/wallets/{id}/balances")
    public Map<String, Object> balances(@PathVariable String id) {
        Wallet wallet = wallets.wallet(RequestFields.pathId(id)).orElseThrow(CircleException::walletNotFound);
        Blockchain blockchain = Blockchain.named(wallet.blockchain()).orElseThrow();
        UsdcHolding holding = balances.holding(wallet.id());
        TokenBalance usdc = new TokenBalance(
                TokenBalance.Token.usdc(tokens.usdcTokenIds().of(blockchain), blockchain),
                UsdcHolding.format(holding.amount()),
                holding.updateDate() == null
                        ? wallet.createDate()
                        : holding.updateDate().toString());
        return data(Map.of("tokenBalances", List.of(usdc)));
    }

    /**
     * A write: validate the body, prove the entity secret, create under the idempotency key. 201 for
     * the first request with a key; 200 and the same body for the same request again.
     */
    private <C, V> Mono<ResponseEntity<Map<String, Object>>> write(
            Supplier<C> validated, String ciphertext, Function<C, Outcome<V>> create, String name) {
        return Mono.defer(() -> {
            C command = validated.get();
            return entitySecret
                    .verify(ciphertext)
                    .then(Mono.fromSupplier(() -> create.apply(command)))
                    .map(outcome -> ResponseEntity.status(
                                    outcome.kind() == Outcome.Kind.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                            .body(data(Map.<String, Object>of(name, outcome.value()))));
        });
    }

    private static Map<String, Object> data(Map<String, Object> data) {
        return Map.of("data", data);
    }
}
