package com.stack.funding.partner.adapters;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.sandbox.PartnerSandboxApplication;
import com.stack.testsupport.InProcessSandbox;

/**
 * The partner sandbox in-process once per test JVM ({@link InProcessSandbox}) for funding's partner adapters'
 * tests; transfers settle quickly, as the tests wait for final states.
 */
public final class PartnerSandbox extends InProcessSandbox {

    /** Redis, which funding brings onto the test classpath besides the services' usual (the sandbox has none). */
    private static final List<String> REDIS_AUTO_CONFIGURATIONS = List.of(
            "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
            "org.springframework.boot.data.redis.autoconfigure.health.DataRedisReactiveHealthContributorAutoConfiguration");

    private PartnerSandbox() {
        super(
                PartnerSandboxApplication.application(),
                REDIS_AUTO_CONFIGURATIONS,
                "--stack.sandbox.circle.transfers.settle-delay=100ms",
                "--stack.sandbox.circle.transactions.step-delay=50ms",
                "--stack.sandbox.due.settle-delay=100ms");
    }

    public static PartnerSandbox shared() {
        return shared(PartnerSandbox.class, PartnerSandbox::new);
    }

    /** A valid Ethereum address of no wallet: EIP-55, of random bytes. */
    public static String ethereumAddress() {
        byte[] bytes = new byte[EthereumAddress.LENGTH_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return EthereumAddress.checksum(bytes);
    }

    /** A valid Solana address of no wallet: base58 of 32 random bytes. */
    public static String solanaAddress() {
        byte[] bytes = new byte[SolanaAddress.LENGTH_BYTES];
        ThreadLocalRandom.current().nextBytes(bytes);
        return SolanaAddress.of(bytes);
    }
}
