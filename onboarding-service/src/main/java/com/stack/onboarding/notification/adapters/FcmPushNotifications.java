package com.stack.onboarding.notification.adapters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.onboarding.notification.app.PushMessage;
import com.stack.onboarding.notification.app.PushNotifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Pushes through Firebase Cloud Messaging's HTTP v1 API: one {@code POST {base}/v1/projects/{project}/messages:send}
 * per device token, with a service account's access token ({@link GoogleAccessTokens}). FCM's answer per device:
 *
 * <ul>
 * <li>200 {@code {"name": ...}}: sent;</li>
 * <li>404 {@code UNREGISTERED}, 400 {@code INVALID_ARGUMENT} about the registration token, 403
 * {@code SENDER_ID_MISMATCH}: the token is dead, and removed;</li>
 * <li>429, 5xx, a timeout, no connection: retried here with backoff under a circuit breaker, then left for the
 * delivery's next attempt;</li>
 * <li>401: our access token is stale; dropped, so the next attempt fetches a new one.</li>
 * </ul>
 *
 * FCM has no idempotency key: a send that timed out after FCM took it may reach the device twice when retried.
 * That is accepted (a duplicate banner beats a lost one); a device that answered is never sent to again for the
 * same notification (see {@link DeviceFanOut}). FCM's error bodies stay in this class and the recorded reasons.
 */
public class FcmPushNotifications implements PushNotifications {

    private static final Logger log = LoggerFactory.getLogger(FcmPushNotifications.class);
    static final String CHANNEL = "fcm";

    private final DeviceFanOut fanOut;
    private final GoogleAccessTokens tokens;
    private final WebClient web;
    private final String projectId;
    private final PartnerResilience resilience;

    /** @param web a client with FCM's base URL, such as {@code https://fcm.googleapis.com} */
    public FcmPushNotifications(
            DeviceFanOut fanOut,
            GoogleAccessTokens tokens,
            WebClient web,
            String projectId,
            PartnerResilience.Settings settings) {
        this.fanOut = fanOut;
        this.tokens = tokens;
        this.web = web;
        this.projectId = projectId;
        this.resilience = new PartnerResilience(
                "fcm", settings, e -> e instanceof FcmUnavailable, e -> e instanceof FcmUnavailable);
    }

    @Override
    public Mono<Void> send(PushMessage push) {
        return fanOut.send(push, CHANNEL, token -> toDevice(token, push));
    }

    private Mono<DeviceFanOut.Outcome> toDevice(String token, PushMessage push) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("token", token);
        message.put("notification", Map.of("title", push.title(), "body", push.body()));
        message.put("data", push.data());
        Map<String, Object> request = Map.of("message", message);
        return tokens.accessToken()
                .flatMap(accessToken -> resilience.call(
                        Mono.defer(() -> web.post()
                                .uri("/v1/projects/{project}/messages:send", projectId)
                                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                                .contentType(MediaType.APPLICATION_JSON)
                                .accept(MediaType.APPLICATION_JSON)
                                .bodyValue(request)
                                .exchangeToMono(this::outcome)),
                        e -> new FcmUnavailable(e.toString()),
                        open -> new FcmUnavailable("circuit breaker open")))
                .onErrorResume(e -> {
                    log.warn("Push to a device of user {} failed: {}", push.userId(), e.getMessage());
                    return Mono.just(new DeviceFanOut.Outcome.Failed(PartnerErrors.abbreviated(e.getMessage())));
                });
    }

    private Mono<DeviceFanOut.Outcome> outcome(ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(SendBody.class)
                    .map(body -> (DeviceFanOut.Outcome) new DeviceFanOut.Outcome.Sent(body.name()))
                    .defaultIfEmpty(new DeviceFanOut.Outcome.Sent(null));
        }
        if (PartnerErrors.isTransient(status)) {
            return response.releaseBody().then(Mono.error(new FcmUnavailable("answered " + status)));
        }
        return response.bodyToMono(ErrorBody.class)
                .onErrorResume(e -> Mono.empty())
                .defaultIfEmpty(new ErrorBody(null))
                .map(body -> refusal(status, body));
    }

    private DeviceFanOut.Outcome refusal(int status, ErrorBody body) {
        String fcmCode = body.fcmErrorCode();
        String message = body.error() == null ? "" : String.valueOf(body.error().message());
        String reason = PartnerErrors.abbreviated(status + " " + (fcmCode == null ? "" : fcmCode + ": ") + message);
        if ((status == 404 && "UNREGISTERED".equals(fcmCode))
                || (status == 403 && "SENDER_ID_MISMATCH".equals(fcmCode))
                || (status == 400 && "INVALID_ARGUMENT".equals(fcmCode) && message.contains("registration token"))) {
            return new DeviceFanOut.Outcome.Dead(reason);
        }
        if (status == 401) {
            tokens.invalidate();
        }
        log.error("FCM refused a push: {}", reason);
        return new DeviceFanOut.Outcome.Failed(reason);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SendBody(String name) {}

    /** {@code {"error": {"code", "message", "status", "details": [{"@type", "errorCode"}]}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(Status error) {

        String fcmErrorCode() {
            if (error == null || error.details() == null) {
                return null;
            }
            return error.details().stream()
                    .map(detail -> detail.get("errorCode"))
                    .filter(code -> code instanceof String)
                    .map(String.class::cast)
                    .findFirst()
                    .orElse(null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(Integer code, String message, String status, List<Map<String, Object>> details) {}

    /** FCM failed in a way that may pass (5xx, 429, a timeout, no connection). */
    static final class FcmUnavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        FcmUnavailable(String problem) {
            super("FCM " + problem, null, false, false);
        }
    }
}
