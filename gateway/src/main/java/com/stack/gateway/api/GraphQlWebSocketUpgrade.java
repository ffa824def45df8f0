package com.stack.gateway.api;

import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/** Tells a WebSocket upgrade of {@code /graphql} from the other requests to it. */
public final class GraphQlWebSocketUpgrade {

    public static final String PATH = "/graphql";

    private GraphQlWebSocketUpgrade() {}

    public static boolean matches(ServerWebExchange exchange) {
        return HttpMethod.GET.equals(exchange.getRequest().getMethod())
                && PATH.equals(
                        exchange.getRequest().getPath().pathWithinApplication().value())
                && "websocket"
                        .equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
    }
}
