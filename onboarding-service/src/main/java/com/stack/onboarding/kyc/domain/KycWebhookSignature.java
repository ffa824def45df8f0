package com.stack.onboarding.kyc.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The KYC provider's callback signature: header {@code X-Kyc-Signature: t=<unix seconds>,v1=<hex>},
 * where the hex is HMAC-SHA256 under the shared webhook secret over {@code "<t>." + raw body bytes}.
 * Verified over the raw bytes before anything parses them, compared in constant time, and refused
 * when {@code t} is further than the replay window from now in either direction (a captured callback
 * cannot be replayed later, and a clock far ahead is as suspect as one far behind).
 */
public final class KycWebhookSignature {

    public static final String HEADER = "X-Kyc-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;
    private static final int MAX_HEADER_LENGTH = 1024;
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;
    private final Duration replayWindow;

    public KycWebhookSignature(String secret, Duration replayWindow) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("The KYC webhook secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.replayWindow = replayWindow;
        hmac(0, new byte[0]); // fails at startup, not on the first callback, if the JDK lacks the algorithm
    }

    /** Why a callback was refused, or {@link #VALID}. */
    public enum Verdict {
        VALID,
        MISSING,
        MALFORMED,
        MISMATCH,
        OUTSIDE_REPLAY_WINDOW;

        public boolean valid() {
            return this == VALID;
        }
    }

    public Verdict verify(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        ParsedHeader parsed = ParsedHeader.parse(header);
        if (parsed == null) {
            return Verdict.MALFORMED;
        }
        byte[] expected = hmac(parsed.timestamp(), body);
        boolean matches = false;
        for (byte[] candidate : parsed.signatures()) {
            // constant time, and every candidate is compared, so timing tells nothing about the bytes
            matches |= MessageDigest.isEqual(expected, candidate);
        }
        if (!matches) {
            return Verdict.MISMATCH;
        }
        long skew = Math.abs(now.getEpochSecond() - parsed.timestamp());
        return skew > replayWindow.toSeconds() ? Verdict.OUTSIDE_REPLAY_WINDOW : Verdict.VALID;
    }

    /** The header value the provider sends for {@code body} at {@code timestamp} (unix seconds). */
    public String header(long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + HEX.formatHex(hmac(timestamp, body));
    }

    private byte[] hmac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** {@code t=<digits>} once and one or more {@code v1=<64 hex>}; other schemes are ignored. */
    private record ParsedHeader(long timestamp, List<byte[]> signatures) {

        static ParsedHeader parse(String header) {
            if (header.length() > MAX_HEADER_LENGTH) {
                return null;
            }
            Long timestamp = null;
            List<byte[]> signatures = new ArrayList<>();
            for (String part : header.split(",", -1)) {
                int equals = part.indexOf('=');
                if (equals < 0) {
                    return null;
                }
                String name = part.substring(0, equals).strip();
                String value = part.substring(equals + 1).strip();
                if (name.equals("t")) {
                    if (timestamp != null || !value.matches("[0-9]{1,12}")) {
                        return null;
                    }
                    timestamp = Long.parseLong(value);
                } else if (name.equals("v1")) {
                    if (!value.matches("[0-9a-fA-F]{" + 2 * SIGNATURE_BYTES + "}")) {
                        return null;
                    }
                    signatures.add(HEX.parseHex(value));
                }
            }
            return timestamp == null || signatures.isEmpty() ? null : new ParsedHeader(timestamp, signatures);
        }
    }
}
