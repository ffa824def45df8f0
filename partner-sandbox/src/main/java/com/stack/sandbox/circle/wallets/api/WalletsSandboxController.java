package com.stack.sandbox.circle.wallets.api;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import com.stack.sandbox.circle.wallets.app.DeveloperWallets;
import com.stack.sandbox.circle.wallets.app.WalletBalances;
import com.stack.sandbox.circle.wallets.domain.UsdcHolding;
import com.stack.sandbox.circle.wallets.domain.Wallet;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API for the USDC in Circle's wallets (Circle has none): give a wallet USDC
 * without a chain transfer (and without a notification), and read what it holds and has reserved.
 */
@RestController
@RequestMapping(path = "/sandbox/circle/wallets", produces = MediaType.APPLICATION_JSON_VALUE)
public class WalletsSandboxController {

    /** A positive decimal with at most USDC's 6 places. */
    static final Pattern USDC_AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,6})?");

    private final DeveloperWallets wallets;
    private final WalletBalances balances;

    public WalletsSandboxController(DeveloperWallets wallets, WalletBalances balances) {
        this.wallets = wallets;
        this.balances = balances;
    }

    /** @param amount USDC to add: a positive decimal string with at most 6 decimals */
    public record CreditRequest(String amount) {}

    /**
     * @param amount    what the wallet holds
     * @param reserved  what outbound transfers in flight have set aside of it
     * @param available what a new transfer may spend
     */
    public record Holding(String walletId, String blockchain, String amount, String reserved, String available) {

        static Holding of(Wallet wallet, UsdcHolding holding) {
            return new Holding(
                    wallet.id(),
                    wallet.blockchain(),
                    UsdcHolding.format(holding.amount()),
                    UsdcHolding.format(holding.reserved()),
                    UsdcHolding.format(holding.available()));
        }
    }

    @PostMapping(path = "/{id}/credit", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> credit(@PathVariable String id, @RequestBody(required = false) CreditRequest request) {
        Optional<Wallet> wallet = wallet(id);
        if (wallet.isEmpty()) {
            return ResponseEntity.status(404).body(ControlError.notFound("no wallet " + id));
        }
        String amount = request == null ? null : request.amount();
        if (amount == null || !USDC_AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            return ResponseEntity.badRequest()
                    .body(
                            ControlError.invalid(
                                    "amount",
                                    "amount must be a positive decimal string with at most 6 decimals, such as \"125.000000\""));
        }
        return ResponseEntity.ok(
                Holding.of(wallet.get(), balances.credit(wallet.get().id(), new BigDecimal(amount))));
    }

    @GetMapping("/{id}/balance")
    public ResponseEntity<?> balance(@PathVariable String id) {
        return wallet(id)
                .<ResponseEntity<?>>map(wallet -> ResponseEntity.ok(Holding.of(wallet, balances.holding(wallet.id()))))
                .orElseGet(() -> ResponseEntity.status(404).body(ControlError.notFound("no wallet " + id)));
    }

    private Optional<Wallet> wallet(String id) {
        try {
            return wallets.wallet(UUID.fromString(id));
        } catch (IllegalArgumentException notUuid) {
            return Optional.empty();
        }
    }
}
