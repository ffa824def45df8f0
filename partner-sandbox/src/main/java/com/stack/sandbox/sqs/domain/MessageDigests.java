package com.stack.sandbox.sqs.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns and its SDKs check: {@code MD5OfBody}/{@code MD5OfMessageBody} (of the
 * body's UTF-8 bytes) and {@code MD5OfMessageAttributes}. The AWS SDK v2 fails a SendMessage or
 * ReceiveMessage whose digests do not match its own calculation.
 */
public final class MessageDigests {

    private static final byte STRING_TRANSPORT = 1;
    private static final byte BINARY_TRANSPORT = 2;

    private MessageDigests() {}

    /** Lowercase hex MD5 of the UTF-8 bytes of {@code body}. */
    public static String ofBody(String body) {
        return HexFormat.of().formatHex(md5().digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * SQS's digest of message attributes: for each attribute in name order, the name, the data type
     * and the value, each as a 4-byte big-endian length and its bytes, with a transport byte (1 for
     * String and Number, 2 for Binary) before the value.
     */
    public static String ofAttributes(Map<String, MessageAttribute> attributes) {
        MessageDigest digest = md5();
        for (Map.Entry<String, MessageAttribute> entry : new TreeMap<>(attributes).entrySet()) {
            MessageAttribute attribute = entry.getValue();
            lengthPrefixed(digest, entry.getKey().getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(digest, attribute.dataType().getBytes(StandardCharsets.UTF_8));
            if (attribute.isBinary()) {
                digest.update(BINARY_TRANSPORT);
                lengthPrefixed(digest, attribute.binaryValue());
            } else {
                digest.update(STRING_TRANSPORT);
                lengthPrefixed(digest, attribute.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void lengthPrefixed(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }
}
