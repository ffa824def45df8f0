package com.stack.sandbox.due.api;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.NewVirtualAccount;
import com.stack.sandbox.due.domain.Rail;
import com.stack.sandbox.due.domain.Recipient.BankDetails;

/**
 * The body of {@code POST /v1/virtual_accounts}: {@code {"destination", "schemaIn": "bank_us", "currencyIn":
 * "USD", "railOut": "ethereum"|"solana", "currencyOut": "USDC", "reference"}}. The sandbox converts USD paid in
 * by bank into USDC on a chain, so the destination is an address valid on {@code railOut}.
 */
public record VirtualAccountRequest(
        String destination, String schemaIn, String currencyIn, String railOut, String currencyOut, String reference) {

    public NewVirtualAccount validated() {
        if (reference == null || reference.isBlank() || reference.length() > DueApi.MAX_TEXT_LENGTH) {
            throw DueException.invalid(
                    "reference", "reference is required, at most " + DueApi.MAX_TEXT_LENGTH + " characters");
        }
        if (!BankDetails.BANK_US.equals(schemaIn)) {
            throw DueException.invalid("schemaIn", "schemaIn must be bank_us");
        }
        if (!Rail.Currency.USD.name().equals(currencyIn)) {
            throw DueException.invalid("currencyIn", "currencyIn must be USD");
        }
        Rail rail = Rail.named(railOut)
                .filter(Rail::onChain)
                .orElseThrow(() -> DueException.invalid("railOut", "railOut must be ethereum or solana"));
        if (!Rail.Currency.USDC.name().equals(currencyOut)) {
            throw DueException.invalid("currencyOut", "currencyOut must be USDC");
        }
        boolean valid = destination != null
                && (rail == Rail.ETHEREUM ? EthereumAddress.isValid(destination) : SolanaAddress.isValid(destination));
        if (!valid) {
            throw DueException.invalid("destination", "destination must be a valid " + rail.wireName() + " address");
        }
        return new NewVirtualAccount(destination, schemaIn, currencyIn, railOut, currencyOut, reference);
    }
}
