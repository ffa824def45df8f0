package com.stack.investing.portfolio.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import com.stack.contracts.identity.ServiceTokenIssuer;
import com.stack.investing.InvestingServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /internal/portfolios/{userId}}: aicfo (with its own service token from the shared issuer) reads any
 * user's portfolio valued as {@code me.portfolio} values it; a user's token cannot, not even for their own.
 */
class InternalPortfolioApiTest extends InvestingServiceTest {

    ServiceTokenIssuer aicfo() {
        return new ServiceTokenIssuer("aicfo-service", ISSUER.serviceTokenSecret(), Clock.systemUTC());
    }

    WebTestClient.ResponseSpec portfolioOf(UUID userId, String authorization) {
        WebTestClient.RequestHeadersSpec<?> request = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(RESPONSE_TIMEOUT)
                .build()
                .get()
                .uri("/internal/portfolios/{userId}", userId);
        return (authorization == null ? request : request.header(HttpHeaders.AUTHORIZATION, authorization)).exchange();
    }

    @Test
    void aServiceReadsAUsersPositionsAndCashValuedAtTheMarket() {
        UUID user = userIdOf(newSubject());
        // VTI at 210.00 (previous close 209.00), BND at 72.50 (72.00): the broker double's prices
        insertPosition(user, "VTI", "10", "2005.00");
        insertPosition(user, "BND", "2.5", "180.30864");
        insertPosition(userIdOf(newSubject()), "QQQ", "1", "400"); // someone else's
        insertCash(user, "150.25");
        Instant before = Instant.now();

        portfolioOf(user, aicfo().authorization().block(RESPONSE_TIMEOUT))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.totalValueUsd")
                .isEqualTo("2431.50")
                .jsonPath("$.cashUsd")
                .isEqualTo("150.25")
                .jsonPath("$.dayChangeUsd")
                .isEqualTo("11.25")
                .jsonPath("$.positions.length()")
                .isEqualTo(2)
                .jsonPath("$.positions[0].symbol")
                .isEqualTo("VTI")
                .jsonPath("$.positions[0].assetType")
                .isEqualTo("ETF")
                .jsonPath("$.positions[0].quantity")
                .isEqualTo("10")
                .jsonPath("$.positions[0].averagePrice")
                .isEqualTo("200.50")
                .jsonPath("$.positions[0].marketValueUsd")
                .isEqualTo("2100.00")
                .jsonPath("$.positions[0].costBasisUsd")
                .isEqualTo("2005.00")
                .jsonPath("$.positions[0].unrealizedPnlUsd")
                .isEqualTo("95.00")
                .jsonPath("$.positions[1].symbol")
                .isEqualTo("BND")
                .jsonPath("$.positions[1].quantity")
                .isEqualTo("2.5")
                .jsonPath("$.positions[1].averagePrice")
                .isEqualTo("72.123456")
                .jsonPath("$.positions[1].marketValueUsd")
                .isEqualTo("181.25")
                .jsonPath("$.positions[1].unrealizedPnlUsd")
                .isEqualTo("0.94")
                .jsonPath("$.asOf")
                .value(String.class, asOf -> assertThat(Instant.parse(asOf)).isAfterOrEqualTo(before));
    }

    @Test
    void aUserWithNothingYetIsAllZeroAndTheGatewaysTokenReadsItToo() {
        portfolioOf(userIdOf(newSubject()), "Bearer " + ISSUER.serviceToken())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.totalValueUsd")
                .isEqualTo("0.00")
                .jsonPath("$.cashUsd")
                .isEqualTo("0.00")
                .jsonPath("$.positions.length()")
                .isEqualTo(0);
    }

    @Test
    void aUsersTokenIsForbiddenEvenForTheirOwnPortfolioAndNoTokenIsUnauthenticated() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        insertCash(me, "10.00");
        String mine = "Bearer " + ISSUER.token(subject, subject + "@example.com");

        portfolioOf(me, mine).expectStatus().isForbidden();
        portfolioOf(userIdOf(newSubject()), mine).expectStatus().isForbidden();
        portfolioOf(me, null).expectStatus().isUnauthorized();
    }

    @Test
    void withoutAPriceForEveryPositionItIsUnavailableWithRetryAfter() {
        UUID user = userIdOf(newSubject());
        insertPosition(user, "ZZZZ", "1", "10");

        portfolioOf(user, aicfo().authorization().block(RESPONSE_TIMEOUT))
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("BUSY");
    }

    @Test
    void aUserIdThatIsNoUuidIsABadRequest() {
        WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .build()
                .get()
                .uri("/internal/portfolios/nobody")
                .header(HttpHeaders.AUTHORIZATION, aicfo().authorization().block(RESPONSE_TIMEOUT))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
