package com.stack.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.stack.aicfo.AicfoApplication;
import com.stack.contracts.identity.ServiceTokens;
import com.stack.funding.FundingApplication;
import com.stack.gateway.GatewayApplication;
import com.stack.investing.InvestingApplication;
import com.stack.onboarding.OnboardingApplication;
import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.SharedTestJvm;
import com.stack.testsupport.TestInfrastructure;
import com.stack.testsupport.TestIssuer;
import com.stack.wallet.WalletApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The whole suite in one JVM: every service on its own random port with its own fresh database, and
 * the gateway composing them, against the real PostgreSQL and Kafka the project starts. Started once
 * per test JVM and shared by the system tests; tests that take parts down start their own pieces.
 * The gateway and every service trust the same token issuer ({@link #issuer()}) and the same
 * service-token secret, as in a deployment.
 */
public final class StackSuite {

    public static final Map<String, Supplier<SpringApplication>> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("onboarding", OnboardingApplication::application);
        SERVICES.put("wallet", WalletApplication::application);
        SERVICES.put("funding", FundingApplication::application);
        SERVICES.put("investing", InvestingApplication::application);
        SERVICES.put("aicfo", AicfoApplication::application);
    }

    private static StackSuite shared;

    /** Topic suffix of this run: no earlier or parallel run shares its events. */
    public static final String TOPIC_SUFFIX = ".system-" + TestInfrastructure.runId();

    private final TestIssuer issuer = new TestIssuer();
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();
    private final ConfigurableApplicationContext sandbox;
    /** The sandbox's Google service account key file (its token endpoint on the sandbox's port): onboarding pushes through FCM. */
    private final String fcmServiceAccount;
    /** Known before the gateway starts: the services hand it to the KYC provider as their callback address. */
    private final int gatewayPort = freePort();

    private final ConfigurableApplicationContext gateway;

    private StackSuite() {
        sandbox = startSandbox();
        fcmServiceAccount = fetch(sandboxUrl() + "/sandbox/google-oauth/service-account");
        SERVICES.keySet().forEach(name -> {
            ConfigurableApplicationContext context = startService(
                    name, "stack_" + name + "_system", "aicfo".equals(name) ? aicfoArguments() : List.of());
            services.put(name, context);
            databases.put(name, context.getEnvironment().getProperty("stack.database"));
        });
        gateway = startGateway(subgraphUrls(), "20s", gatewayPort);
        awaitCircleSubscription(services.get("funding"));
    }

    /**
     * Funding subscribes Circle's notifications in the background once the gateway answers Circle's check; a deposit
     * notified before that would reach nobody, so the suite is ready only when the subscription exists.
     */
    static void awaitCircleSubscription(ConfigurableApplicationContext funding) {
        String health = "http://127.0.0.1:" + port(funding) + "/actuator/health/circleSubscription";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!fetch(health).contains("\"status\":\"UP\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "funding did not subscribe Circle's notifications within 90 s: " + fetch(health));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The AI CFO of the suite values portfolios through the suite's investing (its internal API, a service token) and
     * writes with the OpenAI-compatible model the sandbox serves, so the real adapter and its checks run.
     */
    public List<String> aicfoArguments() {
        return List.of(
                "--stack.aicfo.investing.base-url=http://127.0.0.1:" + port(services.get("investing")),
                "--stack.aicfo.model.provider=openai",
                "--stack.aicfo.model.base-url=" + sandboxUrl() + "/openai/v1");
    }

    public static synchronized StackSuite shared() {
        if (shared == null) {
            shared = new StackSuite();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public TestIssuer issuer() {
        return issuer;
    }

    public ConfigurableApplicationContext gateway() {
        return gateway;
    }

    /** The shared suite's service of that name. */
    public ConfigurableApplicationContext service(String name) {
        return services.get(name);
    }

    /** The first column of the first row {@code sql} returns in that service's database, as text; null if none. */
    public String queryOne(String service, String sql) {
        return service(service)
                .getBean(DatabaseClient.class)
                .sql(sql)
                .map(row -> String.valueOf(row.get(0)))
                .first()
                .block(Duration.ofSeconds(10));
    }

    /** The database the shared suite's service of that name runs on. */
    public String database(String service) {
        return databases.get(service);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + port(gateway);
    }

    /** The partner sandbox: the KYC provider and Circle, as the services reach them over HTTP. */
    /** Funding's public Circle webhook: the suite gateway's, where funding subscribes Circle's notifications. */
    public String circleWebhookUrl() {
        return "http://127.0.0.1:" + gatewayPort + "/webhooks/circle";
    }

    public String sandboxUrl() {
        return "http://127.0.0.1:" + port(sandbox);
    }

    /** The secret the sandbox's KYC provider signs its callbacks with, and onboarding checks them with. */
    public String kycWebhookSecret() {
        return sandbox.getEnvironment().getRequiredProperty("stack.sandbox.kyc.webhook-secret");
    }

    /** The API key the sandbox's Circle expects (the wallet service's configured key). */
    public String circleApiKey() {
        return sandbox.getEnvironment().getRequiredProperty("stack.sandbox.circle.api-key");
    }

    public Map<String, String> subgraphUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((name, context) -> urls.put(name, "http://127.0.0.1:" + port(context) + "/graphql"));
        return urls;
    }

    /** Starts one service on a random port with a fresh database of the given name. */
    public ConfigurableApplicationContext startService(String name, String database) {
        return startService(name, database, List.of());
    }

    /** Starts one service as {@link #startService(String, String)} does, with more arguments (which win). */
    public ConfigurableApplicationContext startService(String name, String database, List<String> extraArguments) {
        List<String> args = overridden(serviceArguments(TestInfrastructure.freshDatabase(database)), extraArguments);
        return SERVICES.get(name).get().run(args.toArray(String[]::new));
    }

    /**
     * {@code arguments} then {@code extraArguments}, an extra one replacing the argument of the same name (Spring
     * would join two values of one property with a comma).
     */
    static List<String> overridden(List<String> arguments, List<String> extraArguments) {
        java.util.Set<String> replaced =
                extraArguments.stream().map(arg -> arg.split("=", 2)[0]).collect(java.util.stream.Collectors.toSet());
        List<String> args = new ArrayList<>(arguments.stream()
                .filter(arg -> !replaced.contains(arg.split("=", 2)[0]))
                .toList());
        args.addAll(extraArguments);
        return args;
    }

    /**
     * The command-line arguments a service of the suite runs with on {@code database} (which must exist): a
     * random port, the test PostgreSQL and Kafka under this run's topics, the sandbox as every partner, and
     * the suite's trust. Also for a service run as its own process.
     */
    public List<String> serviceArguments(String database) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--stack.database=" + database,
                "--stack.db.host=" + TestInfrastructure.postgresHost(),
                "--stack.db.port=" + TestInfrastructure.postgresPort(),
                "--stack.db.username=" + TestInfrastructure.serviceUser(database),
                "--stack.db.password=" + TestInfrastructure.servicePassword(),
                "--stack.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--stack.messaging.topic-suffix=" + TOPIC_SUFFIX,
                "--stack.kyc.base-url=" + sandboxUrl() + "/kyc",
                "--stack.kyc.callback-url=http://127.0.0.1:" + gatewayPort + "/webhooks/kyc",
                "--stack.circle.base-url=" + sandboxUrl() + "/circle",
                "--stack.circle.notifications-base-url=" + sandboxUrl() + "/circle",
                "--stack.circle.payouts-base-url=" + sandboxUrl() + "/circle",
                "--stack.drivewealth.base-url=" + sandboxUrl() + "/drivewealth/back-office",
                "--stack.drivewealth.events.endpoint=" + sandboxUrl() + "/sqs",
                "--stack.drivewealth.events.wait-time=2s",
                "--stack.alpaca.base-url=" + sandboxUrl() + "/alpaca",
                "--stack.alpaca.data-url=" + sandboxUrl() + "/alpaca/data",
                "--stack.drivewealth.order-events.endpoint=" + sandboxUrl() + "/sqs",
                "--stack.drivewealth.order-events.wait-time=2s",
                // an order open at the broker unmoved for a few seconds is read back from it (lost events, or
                // events another investing of this JVM took from the shared queue)
                "--stack.investing.orders.stuck-after=4s",
                "--stack.due.base-url=" + sandboxUrl() + "/due",
                "--stack.push.fcm.credentials-json=" + fcmServiceAccount,
                "--stack.push.fcm.base-url=" + sandboxUrl() + "/fcm",
                // a deposit unmoved for a few seconds is reconciled against the partner (lost events)
                "--stack.funding.reconciler.stuck-after=4s",
                "--stack.funding.reconciler.interval=1s",
                // an inbound transfer Circle never notified is read from its list within seconds; a transfer a test
                // leaves pending at Circle holds the sweep back two minutes at most
                "--stack.funding.inbound-sweep.interval=1s",
                "--stack.funding.inbound-sweep.settle=3s",
                "--stack.funding.inbound-sweep.max-lookback=2m",
                // funding subscribes to Circle's notifications itself, for the gateway's webhook URL (as Circle calls
                // it)
                "--stack.circle.notifications.webhook-url=" + circleWebhookUrl(),
                "--stack.circle.notifications.max-backoff=1s",
                // a test that changes a broker's cash sees it within a second (production: 10s)
                "--stack.funding.broker-balance.cache-ttl=1s",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN"));
        args.addAll(trustArguments());
        return args;
    }

    private ConfigurableApplicationContext startSandbox() {
        List<String> excluded = new ArrayList<>(SharedTestJvm.SERVICE_AUTO_CONFIGURATIONS);
        excluded.addAll(SharedTestJvm.WEB_SECURITY_AUTO_CONFIGURATIONS);
        return PartnerSandboxApplication.application()
                .run(
                        "--spring.autoconfigure.exclude=" + String.join(",", excluded),
                        "--server.port=0",
                        "--logging.structured.format.console=",
                        "--logging.level.root=WARN");
    }

    private static String fetch(String url) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The token issuer's keys, name and audience, and the service-token secret: the same for every part. */
    private List<String> trustArguments() {
        return List.of(
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwksUri(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuer(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + TestIssuer.AUDIENCE,
                "--" + ServiceTokens.SECRET_PROPERTY + "=" + issuer.serviceTokenSecret());
    }

    /** Starts a gateway on a random port over the given subgraphs, waiting at most {@code startupWait} for them. */
    public ConfigurableApplicationContext startGateway(Map<String, String> subgraphs, String startupWait) {
        return startGateway(subgraphs, startupWait, 0);
    }

    /** Starts a gateway on {@code port} (0: a random one) over the given subgraphs. */
    public ConfigurableApplicationContext startGateway(Map<String, String> subgraphs, String startupWait, int port) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.autoconfigure.exclude=" + String.join(",", SharedTestJvm.SERVICE_AUTO_CONFIGURATIONS),
                "--server.port=" + port,
                // health details and metrics are on the management port only, not on the public one
                "--management.server.port=0",
                "--stack.gateway.startup-wait=" + startupWait,
                "--stack.gateway.retry-interval=500ms",
                // the order tests send 50 orders of one user at once (the overspend test): above the 30/1m
                // budget a deployment keeps, which MutationBudgetTest proves on initiateWithdrawal's
                "--stack.gateway.rate-limits.placeOrder=120/1m",
                "--logging.structured.format.console=",
                "--logging.level.root=WARN"));
        args.addAll(trustArguments());
        // every test gateway names all five subgraphs, so these replace the configured URLs one by one;
        // the services' base URLs also point the webhook routes at them
        subgraphs.forEach((name, url) -> {
            args.add("--stack.gateway.subgraphs." + name + "=" + url);
            args.add("--STACK_" + name.toUpperCase(Locale.ROOT) + "_URL=" + url.replaceFirst("/graphql$", ""));
        });
        return GatewayApplication.application().run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** The gateway's management port (health details, metrics): not the public one. */
    public static int managementPort(ConfigurableApplicationContext gateway) {
        return Integer.parseInt(gateway.getEnvironment().getProperty("local.management.port"));
    }

    private void close() {
        gateway.close();
        services.values().forEach(ConfigurableApplicationContext::close);
        sandbox.close();
        issuer.close();
    }
}
