package com.stack.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenRequestTest {

    @Test
    void aSubjectAloneIsEnoughAndLivesAnHour() {
        TokenRequest request = new TokenRequest("auth0|ada", null, null);
        request.validate();
        assertThat(request.lifetimeSeconds()).isEqualTo(3600);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        new TokenRequest("s".repeat(255), "a".repeat(242) + "@example.com", 86_400).validate();
        new TokenRequest("s", "a@b.co", 1).validate();
    }

    @Test
    void eachRuleNamesItsField() {
        assertThatThrownBy(() -> new TokenRequest(null, null, null).validate()).hasMessageContaining("subject");
        assertThatThrownBy(() -> new TokenRequest(" ", null, null).validate()).hasMessageContaining("subject");
        assertThatThrownBy(() -> new TokenRequest("s".repeat(256), null, null).validate())
                .hasMessageContaining("subject");
        assertThatThrownBy(() -> new TokenRequest("s", "a".repeat(243) + "@example.com", null).validate())
                .hasMessageContaining("email");
        assertThatThrownBy(() -> new TokenRequest("s", "ada.example.com", null).validate())
                .hasMessageContaining("email");
        assertThatThrownBy(() -> new TokenRequest("s", "", null).validate()).hasMessageContaining("email");
        assertThatThrownBy(() -> new TokenRequest("s", null, 0).validate()).hasMessageContaining("expiresInSeconds");
        assertThatThrownBy(() -> new TokenRequest("s", null, 86_401).validate())
                .hasMessageContaining("expiresInSeconds");
    }
}
