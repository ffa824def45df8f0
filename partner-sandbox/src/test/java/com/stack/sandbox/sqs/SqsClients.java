package com.stack.sandbox.sqs;

import java.net.URI;
import java.time.Duration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/** The SQS client funding-service consumes DriveWealth's events with, pointed at the sandbox. */
public final class SqsClients {

    private SqsClients() {}

    /** {@code SqsAsyncClient} on Netty, endpoint {@code <sandbox>/sqs}, us-east-1, dummy static credentials. */
    public static SqsAsyncClient sandbox(String sandboxBaseUrl) {
        return SqsAsyncClient.builder()
                .endpointOverride(URI.create(sandboxBaseUrl + "/sqs"))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                // long polls wait up to 20 s: the read timeout must be longer
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().readTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
