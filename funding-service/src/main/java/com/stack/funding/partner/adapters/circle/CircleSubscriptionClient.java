package com.stack.funding.partner.adapters.circle;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.funding.partner.adapters.PartnerCallException;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Circle's webhook notification subscriptions ({@code /v2/notifications/subscriptions}): list, create, delete, under
 * their own breaker ({@value #RESILIENCE_NAME}). Creating is not deduplicated by Circle: a retried create may make a
 * second subscription, which {@link CircleNotificationSubscription} removes. Failures leave as
 * {@link PartnerCallException}.
 */
public class CircleSubscriptionClient {

    static final String PATH = "/v2/notifications/subscriptions";
    static final String RESILIENCE_NAME = "circle-subscriptions";

    private final CircleApi circle;

    public CircleSubscriptionClient(
            WebClient.Builder webClients, URI baseUrl, String apiKey, PartnerResilience.Settings resilience) {
        this.circle = new CircleApi(webClients, baseUrl, apiKey, RESILIENCE_NAME, resilience);
    }

    /** A subscription as Circle shows it; {@code createDate} is ISO-8601, so its text sorts by time. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subscription(String id, String endpoint, String createDate) {}

    public Mono<List<Subscription>> list() {
        return circle.call("subscription list", circle.getAttempt("subscription list", PATH, Listed.class))
                .map(listed -> listed.data() == null ? List.of() : listed.data());
    }

    /** Circle checks the endpoint with {@code HEAD} first and refuses (400) when it does not answer 2xx. */
    public Mono<Subscription> create(String endpoint) {
        return circle.post("subscription of " + endpoint, PATH, Map.of("endpoint", endpoint), Created.class)
                .map(Created::data);
    }

    public Mono<Void> delete(String id) {
        return circle.delete("subscription " + id, PATH, id);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Listed(List<Subscription> data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Created(Subscription data) {}
}
