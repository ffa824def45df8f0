package com.stack.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Applications started and closed in a test JVM (a test's own service, a fake subgraph, a paused test context)
 * leave the JVM's other servers and clients working: each has Reactor Netty resources of its own.
 */
class OwnReactorNettyResourcesTest {

    static final Duration ANSWER = Duration.ofSeconds(5);

    @Test
    void closingAnApplicationLeavesTheOtherApplicationsAndTheTestsOwnServersAnswering() {
        DisposableServer testsOwn = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes ->
                        routes.get("/hello", (request, response) -> response.sendString(Mono.just("still here"))))
                .bindNow();
        try (ConfigurableApplicationContext staying = start()) {
            ConfigurableApplicationContext closing = start();
            assertThat(hello(port(closing))).isEqualTo("hello");

            closing.close();

            assertThat(hello(testsOwn.port())).isEqualTo("still here");
            assertThat(hello(port(staying))).isEqualTo("hello");
        } finally {
            testsOwn.disposeNow();
        }
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(Hello.class)
                .properties(
                        "server.port=0",
                        "server.address=127.0.0.1",
                        "spring.main.banner-mode=off",
                        "spring.reactor.netty.shutdown-quiet-period=0s")
                .run();
    }

    static int port(ConfigurableApplicationContext application) {
        return ((WebServerApplicationContext) application).getWebServer().getPort();
    }

    /** GET /hello with a client on the JVM-global resources, as a test's WebTestClient is. */
    static String hello(int port) {
        return WebClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/hello")
                .retrieve()
                .bodyToMono(String.class)
                .block(ANSWER);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Hello {

        @Bean
        RouterFunction<ServerResponse> hello() {
            return route(GET("/hello"), request -> ServerResponse.ok().bodyValue("hello"));
        }
    }
}
