package com.stack.sandbox.sqs.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * A message attribute: a data type ({@code String}, {@code Number}, {@code Binary}, each optionally
 * with a custom suffix such as {@code String.json}) and its value.
 *
 * @param stringValue for {@code String} and {@code Number} types
 * @param binaryValue for {@code Binary} types
 */
@SuppressWarnings("ArrayRecordComponent") // carries bytes; never compared or hashed
public record MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {

    public MessageAttribute {
        Objects.requireNonNull(dataType, "dataType");
        binaryValue = binaryValue == null ? null : binaryValue.clone();
    }

    public boolean isBinary() {
        return dataType.startsWith("Binary");
    }

    @Override
    public byte[] binaryValue() {
        return binaryValue == null ? null : binaryValue.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MessageAttribute that
                && dataType.equals(that.dataType)
                && Objects.equals(stringValue, that.stringValue)
                && Arrays.equals(binaryValue, that.binaryValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, stringValue, Arrays.hashCode(binaryValue));
    }

    @Override
    public String toString() {
        return "MessageAttribute[" + dataType + "]";
    }
}
