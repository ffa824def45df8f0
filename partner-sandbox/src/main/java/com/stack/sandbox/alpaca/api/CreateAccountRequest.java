package com.stack.sandbox.alpaca.api;

import java.util.List;
import java.util.Set;

import com.stack.sandbox.alpaca.domain.Account;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.NewAccount;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /v1/accounts}, the subset the sandbox reads: {@code {"contact":
 * {"email_address"}, "identity": {"given_name", "family_name"}, "enabled_assets": ["us_equity"]}}.
 * Other fields (disclosures, agreements, documents, ...) are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateAccountRequest(Account.Contact contact, Account.Identity identity, List<String> enabledAssets) {

    static final Set<String> ASSETS = Set.of("us_equity", "us_option", "crypto");
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_EMAIL_LENGTH = 254;

    public NewAccount validated() {
        if (contact == null
                || contact.emailAddress() == null
                || !contact.emailAddress().matches("[^@\\s]+@[^@\\s]+")
                || contact.emailAddress().length() > MAX_EMAIL_LENGTH) {
            throw AlpacaException.unprocessable("contact.email_address is required: an e-mail address");
        }
        if (identity == null) {
            throw AlpacaException.unprocessable("identity is required");
        }
        name(identity.givenName(), "identity.given_name");
        name(identity.familyName(), "identity.family_name");
        List<String> assets = enabledAssets == null ? List.of("us_equity") : enabledAssets;
        if (assets.isEmpty() || !assets.stream().allMatch(asset -> asset != null && ASSETS.contains(asset))) {
            throw AlpacaException.unprocessable("enabled_assets must hold some of "
                    + ASSETS.stream().sorted().toList());
        }
        return new NewAccount(contact.emailAddress(), identity.givenName(), identity.familyName(), assets);
    }

    private static void name(String value, String field) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw AlpacaException.unprocessable(field + " is required, at most " + MAX_NAME_LENGTH + " characters");
        }
    }
}
