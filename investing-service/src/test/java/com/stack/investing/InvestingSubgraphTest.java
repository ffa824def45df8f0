package com.stack.investing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;

class InvestingSubgraphTest extends InvestingServiceTest {

    /** The catalogue's fixed ids (V2 migration). */
    static final String STEADY_INCOME = "575d7aee-8ca4-41b0-9f24-f770f835e790";

    static final String BALANCED_CORE = "38106ba1-8438-4e49-8775-d2b09b03a185";
    static final String GROWTH_EQUITY = "2971974a-fee8-4628-9456-6cbc115b5a91";

    static final String ORDERS_PAGE = """
            query($user: _Any!, $first: Int, $after: String) {
              _entities(representations: [$user]) {
                ... on User {
                  orders(first: $first, after: $after) {
                    edges { cursor node { id symbol side amountUsd status createdAt basket { name } } }
                    pageInfo { hasNextPage endCursor }
                  }
                }
              }
            }""";

    static final String PORTFOLIO = """
            query($user: _Any!) {
              _entities(representations: [$user]) {
                ... on User {
                  portfolio {
                    totalValueUsd cashUsd dayChangeUsd
                    positions { symbol quantity averagePrice marketValue unrealizedPnl assetType costBasisUsd dayChangeUsd }
                  }
                }
              }
            }""";

    @Test
    void servesItsFederationSdl() {
        String sdl = asGateway()
                .document("{ _service { sdl } }")
                .execute()
                .path("_service.sdl")
                .entity(String.class)
                .get();
        assertThat(sdl).contains("type User @key").contains("type Basket @key").contains("federation/v2.5");
    }

    @Test
    void basketsListTheCatalogueFromConservativeToGrowthWithWeightsSummingToOne() {
        List<Map<String, Object>> baskets = asGateway()
                .document("{ baskets { id name description riskLevel composition { symbol weight } } }")
                .execute()
                .path("baskets")
                .entity(new ParameterizedTypeReference<List<Map<String, Object>>>() {})
                .get();

        assertThat(baskets)
                .extracting(basket -> basket.get("id"))
                .containsExactly(STEADY_INCOME, BALANCED_CORE, GROWTH_EQUITY);
        assertThat(baskets)
                .extracting(basket -> basket.get("riskLevel"))
                .containsExactly("CONSERVATIVE", "BALANCED", "GROWTH");
        for (Map<String, Object> basket : baskets) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> composition = (List<Map<String, String>>) basket.get("composition");
            assertThat(composition).isNotEmpty();
            BigDecimal total = composition.stream()
                    .map(weight -> new BigDecimal(weight.get("weight")))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(total).as("weights of %s", basket.get("name")).isEqualByComparingTo(BigDecimal.ONE);
        }
        // weights travel as the exact strings stored
        assertThat(baskets.get(2).get("composition")).asString().contains("weight=0.60");
    }

    @Test
    void basketByIdReturnsTheBasketOrNullWhenUnknown() {
        asGateway()
                .document("query($id: ID!) { basket(id: $id) { name riskLevel } }")
                .variable("id", GROWTH_EQUITY)
                .execute()
                .path("basket.name")
                .entity(String.class)
                .isEqualTo("Growth Equity")
                .path("basket.riskLevel")
                .entity(String.class)
                .isEqualTo("GROWTH");
        asGateway()
                .document("query($id: ID!) { basket(id: $id) { name } }")
                .variable("id", UUID.randomUUID().toString())
                .execute()
                .path("basket")
                .valueIsNull();
        asGateway()
                .document("{ basket(id: \"not-a-uuid\") { name } }")
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT"))
                .verify();
    }

    @Test
    void basketEntitiesResolveInTheOrderAskedWithNullForUnknownIds() {
        asGateway()
                .document("""
                        query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Basket { id name } } }""")
                .variable(
                        "reps",
                        List.of(
                                Map.of("__typename", "Basket", "id", BALANCED_CORE),
                                Map.of(
                                        "__typename",
                                        "Basket",
                                        "id",
                                        UUID.randomUUID().toString()),
                                Map.of("__typename", "Basket", "id", STEADY_INCOME)))
                .execute()
                .path("_entities[0].name")
                .entity(String.class)
                .isEqualTo("Balanced Core")
                .path("_entities[1]")
                .valueIsNull()
                .path("_entities[2].name")
                .entity(String.class)
                .isEqualTo("Steady Income");
    }

    @Test
    void ordersPageNewestFirstThroughTheUserEntity() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID oldest = insertOrder(me, null, "AAPL", "50.00", now.minus(Duration.ofHours(3)));
        // two orders at the same instant: the id breaks the tie, and no page skips or repeats one
        UUID tiedA = insertOrder(me, UUID.fromString(STEADY_INCOME), null, "25.00", now.minus(Duration.ofHours(1)));
        UUID tiedB = insertOrder(me, UUID.fromString(GROWTH_EQUITY), null, "75.00", now.minus(Duration.ofHours(1)));
        insertOrder(userIdOf(newSubject()), null, "MSFT", "10.00", now); // someone else's, newest of all
        // PostgreSQL orders uuids as unsigned bytes, which is the order of their lower-case hex text
        List<UUID> tiedNewestFirst =
                tiedA.toString().compareTo(tiedB.toString()) > 0 ? List.of(tiedA, tiedB) : List.of(tiedB, tiedA);

        GraphQlTester.Response first = as(subject)
                .document(ORDERS_PAGE)
                .variable("user", userRepresentation(me))
                .variable("first", 2)
                .execute();
        first.path("_entities[0].orders.edges[*].node.id")
                .entityList(UUID.class)
                .containsExactly(tiedNewestFirst.toArray(UUID[]::new))
                .path("_entities[0].orders.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(true);
        String endCursor = first.path("_entities[0].orders.pageInfo.endCursor")
                .entity(String.class)
                .get();
        first.path("_entities[0].orders.edges[1].cursor").entity(String.class).isEqualTo(endCursor);

        GraphQlTester.Response second = as(subject)
                .document(ORDERS_PAGE)
                .variable("user", userRepresentation(me))
                .variable("first", 2)
                .variable("after", endCursor)
                .execute();
        second.path("_entities[0].orders.edges[*].node.id")
                .entityList(UUID.class)
                .containsExactly(oldest)
                .path("_entities[0].orders.edges[0].node.symbol")
                .entity(String.class)
                .isEqualTo("AAPL")
                .path("_entities[0].orders.edges[0].node.basket")
                .valueIsNull()
                .path("_entities[0].orders.edges[0].node.amountUsd")
                .entity(String.class)
                .isEqualTo("50.00")
                .path("_entities[0].orders.edges[0].node.side")
                .entity(String.class)
                .isEqualTo("BUY")
                .path("_entities[0].orders.edges[0].node.status")
                .entity(String.class)
                .isEqualTo("FILLED")
                .path("_entities[0].orders.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false);
    }

    @Test
    void ordersPageOneByOneWithTheirBaskets() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID older = insertOrder(me, UUID.fromString(STEADY_INCOME), null, "20.00", now.minus(Duration.ofMinutes(5)));
        UUID newer = insertOrder(me, UUID.fromString(BALANCED_CORE), null, "30.00", now);

        GraphQlTester.Response first = as(subject)
                .document(ORDERS_PAGE)
                .variable("user", userRepresentation(me))
                .variable("first", 1)
                .execute();
        first.path("_entities[0].orders.edges[0].node.id")
                .entity(UUID.class)
                .isEqualTo(newer)
                .path("_entities[0].orders.edges[0].node.basket.name")
                .entity(String.class)
                .isEqualTo("Balanced Core")
                .path("_entities[0].orders.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(true);
        String cursor = first.path("_entities[0].orders.pageInfo.endCursor")
                .entity(String.class)
                .get();

        as(subject)
                .document(ORDERS_PAGE)
                .variable("user", userRepresentation(me))
                .variable("first", 1)
                .variable("after", cursor)
                .execute()
                .path("_entities[0].orders.edges[0].node.id")
                .entity(UUID.class)
                .isEqualTo(older)
                .path("_entities[0].orders.edges[0].node.basket.name")
                .entity(String.class)
                .isEqualTo("Steady Income")
                .path("_entities[0].orders.edges")
                .entityList(Object.class)
                .hasSize(1)
                .path("_entities[0].orders.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false);
    }

    @Test
    void aUserWithoutOrdersHasAnEmptyConnection() {
        String subject = newSubject();
        as(subject)
                .document(ORDERS_PAGE)
                .variable("user", userRepresentation(userIdOf(subject)))
                .execute()
                .path("_entities[0].orders.edges")
                .entityList(Object.class)
                .hasSize(0)
                .path("_entities[0].orders.pageInfo.hasNextPage")
                .entity(Boolean.class)
                .isEqualTo(false)
                .path("_entities[0].orders.pageInfo.endCursor")
                .valueIsNull();
    }

    @Test
    void anInvalidPageSizeOrCursorIsBadUserInput() {
        String subject = newSubject();
        Map<String, Object> me = userRepresentation(userIdOf(subject));
        for (int first : new int[] {0, -1, 101}) {
            as(subject)
                    .document(ORDERS_PAGE)
                    .variable("user", me)
                    .variable("first", first)
                    .execute()
                    .errors()
                    .expect(errorWithCode("BAD_USER_INPUT", "first"))
                    .verify();
        }
        as(subject)
                .document(ORDERS_PAGE)
                .variable("user", me)
                .variable("after", "garbage!")
                .execute()
                .errors()
                .expect(errorWithCode("BAD_USER_INPUT", "after"))
                .verify();
    }

    @Test
    void anotherUsersInvestingDataIsForbidden() {
        UUID someoneElse = userIdOf(newSubject());
        insertOrder(someoneElse, null, "TSLA", "10.00", Instant.now());
        as(newSubject())
                .document(ORDERS_PAGE)
                .variable("user", userRepresentation(someoneElse))
                .execute()
                .errors()
                .expect(errorWithCode("FORBIDDEN"))
                .verify();
        as(newSubject())
                .document(PORTFOLIO)
                .variable("user", userRepresentation(someoneElse))
                .execute()
                .errors()
                .expect(errorWithCode("FORBIDDEN"))
                .verify();
    }

    @Test
    void theUserFieldsNeedACallerNotTheGateway() {
        asGateway()
                .document(PORTFOLIO)
                .variable("user", userRepresentation(UUID.randomUUID()))
                .execute()
                .errors()
                .expect(errorWithCode("UNAUTHENTICATED"))
                .verify();
    }

    @Test
    void orderByIdIsTheCallersOwnOrNull() {
        String subject = newSubject();
        UUID mine = insertOrder(userIdOf(subject), UUID.fromString(GROWTH_EQUITY), null, "100.00", Instant.now());
        UUID theirs = insertOrder(userIdOf(newSubject()), null, "NVDA", "100.00", Instant.now());

        as(subject)
                .document("query($id: ID!) { order(id: $id) { id amountUsd basket { name } } }")
                .variable("id", mine.toString())
                .execute()
                .path("order.id")
                .entity(UUID.class)
                .isEqualTo(mine)
                .path("order.amountUsd")
                .entity(String.class)
                .isEqualTo("100.00")
                .path("order.basket.name")
                .entity(String.class)
                .isEqualTo("Growth Equity");
        as(subject)
                .document("query($id: ID!) { order(id: $id) { id } }")
                .variable("id", theirs.toString())
                .execute()
                .path("order")
                .valueIsNull();
        as(subject)
                .document("query($id: ID!) { order(id: $id) { id } }")
                .variable("id", UUID.randomUUID().toString())
                .execute()
                .path("order")
                .valueIsNull();
    }

    @Test
    void portfolioValuesThePositionsAtTheMarketPlusBuyingPowerAsCash() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        // VTI at 210.00 (previous close 209.00), BND at 72.50 (72.00): the broker double's prices
        insertPosition(me, "VTI", "10", "2005.00");
        // value 2.5 x 72.50 = 181.25; P&L 181.25 - 180.30864 = 0.94136 -> 0.94
        insertPosition(me, "BND", "2.5", "180.30864");
        insertPosition(userIdOf(newSubject()), "QQQ", "1", "400"); // someone else's
        insertCash(me, "150.25");

        as(subject)
                .document(PORTFOLIO)
                .variable("user", userRepresentation(me))
                .execute()
                .path("_entities[0].portfolio.cashUsd")
                .entity(String.class)
                .isEqualTo("150.25")
                .path("_entities[0].portfolio.totalValueUsd")
                .entity(String.class)
                .isEqualTo("2431.50")
                // 10 x 1.00 + 2.5 x 0.50
                .path("_entities[0].portfolio.dayChangeUsd")
                .entity(String.class)
                .isEqualTo("11.25")
                .path("_entities[0].portfolio.positions[*].symbol")
                .entityList(String.class)
                .containsExactly("VTI", "BND")
                .path("_entities[0].portfolio.positions[0].quantity")
                .entity(String.class)
                .isEqualTo("10")
                .path("_entities[0].portfolio.positions[0].averagePrice")
                .entity(String.class)
                .isEqualTo("200.50")
                .path("_entities[0].portfolio.positions[0].marketValue")
                .entity(String.class)
                .isEqualTo("2100.00")
                .path("_entities[0].portfolio.positions[0].unrealizedPnl")
                .entity(String.class)
                .isEqualTo("95.00")
                .path("_entities[0].portfolio.positions[0].assetType")
                .entity(String.class)
                .isEqualTo("ETF")
                .path("_entities[0].portfolio.positions[0].costBasisUsd")
                .entity(String.class)
                .isEqualTo("2005.00")
                .path("_entities[0].portfolio.positions[0].dayChangeUsd")
                .entity(String.class)
                .isEqualTo("10.00")
                .path("_entities[0].portfolio.positions[1].quantity")
                .entity(String.class)
                .isEqualTo("2.5")
                .path("_entities[0].portfolio.positions[1].averagePrice")
                .entity(String.class)
                .isEqualTo("72.123456")
                .path("_entities[0].portfolio.positions[1].unrealizedPnl")
                .entity(String.class)
                .isEqualTo("0.94");
    }

    @Test
    void aUserWithNothingYetHasAnAllZeroPortfolio() {
        String subject = newSubject();
        as(subject)
                .document(PORTFOLIO)
                .variable("user", userRepresentation(userIdOf(subject)))
                .execute()
                .path("_entities[0].portfolio.totalValueUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].portfolio.cashUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].portfolio.dayChangeUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].portfolio.positions")
                .entityList(Object.class)
                .hasSize(0);
    }

    @Test
    void positionsWithoutBuyingPowerAreValuedWithZeroCash() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        insertPosition(me, "VXUS", "3", "182.70");
        as(subject)
                .document(PORTFOLIO)
                .variable("user", userRepresentation(me))
                .execute()
                .path("_entities[0].portfolio.cashUsd")
                .entity(String.class)
                .isEqualTo("0.00")
                .path("_entities[0].portfolio.totalValueUsd")
                .entity(String.class)
                .isEqualTo("180.00")
                .path("_entities[0].portfolio.positions[0].unrealizedPnl")
                .entity(String.class)
                .isEqualTo("-2.70");
    }

    @Test
    void aPositionWithoutAPriceIsBusyNotAnInventedFigure() {
        String subject = newSubject();
        UUID me = userIdOf(subject);
        insertPosition(me, "ZZZZ", "1", "10");
        as(subject)
                .document(PORTFOLIO)
                .variable("user", userRepresentation(me))
                .execute()
                .errors()
                .expect(errorWithCode("BUSY"))
                .verify();
    }

    UUID insertOrder(UUID userId, UUID basketId, String symbol, String amountUsd, Instant createdAt) {
        UUID id = UUID.randomUUID();
        var insert = db.sql("INSERT INTO orders (id, user_id, basket_id, asset_type, symbol, side, amount_usd, status,"
                        + " idempotency_key, created_at) VALUES (:id, :user, :basket, :assetType, :symbol, 'buy', :amount,"
                        + " 'filled', :key, :createdAt)")
                .bind("id", id)
                .bind("user", userId)
                .bind("assetType", basketId != null ? "basket" : "stock")
                .bind("amount", new BigDecimal(amountUsd))
                .bind("key", UUID.randomUUID().toString())
                .bind("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
        insert = basketId == null ? insert.bindNull("basket", UUID.class) : insert.bind("basket", basketId);
        insert = symbol == null ? insert.bindNull("symbol", String.class) : insert.bind("symbol", symbol);
        assertThat(insert.fetch().rowsUpdated().block(Duration.ofSeconds(10))).isEqualTo(1L);
        return id;
    }
}
