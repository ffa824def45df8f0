package com.stack.sandbox.kyc.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The callback signature: header {@code X-Kyc-Signature: t=<unix seconds>,v1=<hex>}, where the hex
 * is the lowercase HMAC-SHA256 under the shared webhook secret of {@code "<t>." + raw body bytes}.
 * Binding {@code t} into the MAC lets the receiver refuse old callbacks replayed with a new {@code t}.
 */
public final class CallbackSignature {

    public static final String HEADER = "X-Kyc-Signature";

    private CallbackSignature() {}

    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
    }

    private static byte[] mac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
