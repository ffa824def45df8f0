package com.stack.funding.partner.adapters.circle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import com.stack.funding.deposit.app.InboundTransferListing;
import com.stack.funding.deposit.domain.ChainConfirmation;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.shared.domain.Partners;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Circle's list of the custody wallets' inbound transactions as {@link InboundTransferListing}: {@code GET
 * /v1/w3s/transactions?txType=INBOUND&from=&to=&pageSize=50}, newest first, then page after page
 * ({@code pageAfter} the last id read) until a page comes back short. Every page is a call under the wallets'
 * resilience. Each transaction becomes what a {@code transactions.inbound} notification of it in its current state
 * would have been stored as, under the event id {@code list:<transaction id>:<state>}, and is read by the same
 * reader as a notification.
 */
public class CircleInboundTransactionList implements InboundTransferListing {

    static final String LIST_PATH = "/v1/w3s/transactions";
    /** The most Circle answers in one page. */
    static final int PAGE_SIZE = 50;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Circle's ids are UUIDs; a listed id goes into the next page's URL and into an inbox event id. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final CircleApi circle;
    private final int pageSize;

    public CircleInboundTransactionList(WebClient.Builder webClients, CircleProperties properties) {
        this(webClients, properties, PAGE_SIZE);
    }

    CircleInboundTransactionList(WebClient.Builder webClients, CircleProperties properties, int pageSize) {
        this.circle = new CircleApi(
                webClients,
                properties.baseUrl(),
                properties.apiKey(),
                "circle-transaction-list",
                properties.walletResilience());
        this.pageSize = pageSize;
    }

    @Override
    public String partner() {
        return Partners.CIRCLE;
    }

    @Override
    public Flux<Listed> inbound(Instant from, Instant to) {
        return page(from, to, null)
                .expand(page ->
                        page.size() < pageSize ? Mono.empty() : page(from, to, text(page.get(page.size() - 1), "id")))
                .concatMapIterable(page -> page)
                .map(transaction -> listed(transaction, to));
    }

    private Mono<List<JsonNode>> page(Instant from, Instant to, String after) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(LIST_PATH)
                .queryParam("txType", "INBOUND")
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .queryParam("pageSize", pageSize);
        if (after != null) {
            uri.queryParam("pageAfter", after);
        }
        String what = "list of inbound transactions from " + from + " to " + to;
        return circle.call(what, circle.getAttempt(what, uri.encode().build().toUriString(), JsonNode.class))
                .map(answer -> {
                    JsonNode transactions = answer.path("data").path("transactions");
                    if (!transactions.isArray()) {
                        throw PartnerCallException.unavailable(
                                "Circle answered the " + what + " without data.transactions", null);
                    }
                    List<JsonNode> page = new java.util.ArrayList<>();
                    transactions.forEach(page::add);
                    for (JsonNode transaction : page) {
                        String id = text(transaction, "id");
                        if (id == null || !ID.matcher(id).matches()) {
                            throw PartnerCallException.unavailable(
                                    "Circle listed a transaction without an id of its" + " form", null);
                        }
                    }
                    return page;
                });
    }

    private static Listed listed(JsonNode transaction, Instant listedAt) {
        String id = text(transaction, "id");
        String state = text(transaction, "state");
        state = state == null ? "" : state.length() > 32 ? state.substring(0, 32) : state;
        ObjectNode notification = JSON.createObjectNode();
        notification.put("notificationId", "list:" + id + ":" + state);
        notification.put("notificationType", CircleNotifications.INBOUND_TRANSACTION);
        notification.put("timestamp", listedAt.toString());
        notification.set("notification", transaction);
        String payload = JSON.writeValueAsString(notification);
        CircleNotifications.InboundReading reading = CircleNotifications.inboundTransaction(payload);
        ChainConfirmation confirmation = CircleNotifications.confirmationOf(state);
        return new Listed(
                new PartnerInbox.Notification(
                        "list:" + id + ":" + state, CircleNotifications.INBOUND_TRANSACTION, payload),
                reading instanceof CircleNotifications.Transfer transfer ? transfer.transfer() : null,
                confirmation == ChainConfirmation.PENDING,
                createdAt(transaction, listedAt));
    }

    /** Circle's createDate; when absent or unreadable, the end of the listed span (it was created by then). */
    private static Instant createdAt(JsonNode transaction, Instant listedAt) {
        try {
            String date = text(transaction, "createDate");
            return date == null ? listedAt : OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            return listedAt;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }
}
