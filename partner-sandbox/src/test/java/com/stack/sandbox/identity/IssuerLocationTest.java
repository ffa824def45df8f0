package com.stack.sandbox.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IssuerLocationTest {

    @Test
    void aConfiguredIssuerIsUsedExactlyAsWritten() {
        IssuerLocation location = new IssuerLocation("http://127.0.0.1:8090/oidc");
        assertThat(location.issuer()).isEqualTo("http://127.0.0.1:8090/oidc");
        assertThat(location.endpoint("jwks")).isEqualTo("http://127.0.0.1:8090/oidc/jwks");
    }

    @Test
    void endpointsOfAnIssuerWithATrailingSlashHaveNoDoubleSlash() {
        IssuerLocation location = new IssuerLocation("https://sandbox.example.com/oidc/");
        assertThat(location.issuer()).isEqualTo("https://sandbox.example.com/oidc/");
        assertThat(location.endpoint("token")).isEqualTo("https://sandbox.example.com/oidc/token");
    }

    @Test
    void withoutConfigurationTheIssuerFollowsTheBoundPort() {
        assertThat(IssuerLocation.boundTo(8090)).isEqualTo("http://127.0.0.1:8090/oidc");
        assertThatThrownBy(() -> new IssuerLocation("").issuer()).isInstanceOf(IllegalStateException.class);
    }
}
