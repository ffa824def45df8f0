package com.stack.sandbox.sqs.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The response bodies of the SQS JSON protocol, names as SQS spells them; absent members are left out. */
final class SqsResponses {

    private SqsResponses() {}

    record QueueUrl(@JsonProperty("QueueUrl") String queueUrl) {}

    record QueueUrls(@JsonProperty("QueueUrls") List<String> queueUrls) {}

    record Attributes(@JsonProperty("Attributes") Map<String, String> attributes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Sent(
            @JsonProperty("MessageId") String messageId,
            @JsonProperty("MD5OfMessageBody") String md5OfMessageBody,
            @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Messages(@JsonProperty("Messages") List<Message> messages) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Message(
            @JsonProperty("MessageId") String messageId,
            @JsonProperty("ReceiptHandle") String receiptHandle,
            @JsonProperty("MD5OfBody") String md5OfBody,
            @JsonProperty("Body") String body,
            @JsonProperty("Attributes") Map<String, String> attributes,
            @JsonProperty("MD5OfMessageAttributes") String md5OfMessageAttributes,
            @JsonProperty("MessageAttributes") Map<String, AttributeValue> messageAttributes) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @SuppressWarnings("ArrayRecordComponent") // carries bytes; never compared or hashed
    record AttributeValue(
            @JsonProperty("DataType") String dataType,
            @JsonProperty("StringValue") String stringValue,
            @JsonProperty("BinaryValue") byte[] binaryValue) {}

    record Batch(
            @JsonProperty("Successful") List<BatchSuccess> successful,
            @JsonProperty("Failed") List<BatchFailure> failed) {}

    record BatchSuccess(@JsonProperty("Id") String id) {}

    record BatchFailure(
            @JsonProperty("Id") String id,
            @JsonProperty("SenderFault") boolean senderFault,
            @JsonProperty("Code") String code,
            @JsonProperty("Message") String message) {}

    /** {@code {"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "..."}}. */
    @SuppressWarnings("JavaLangClash") // the name of SQS's error document; used only in this file
    record Error(
            @JsonProperty("__type") String type,
            @JsonProperty("message") String message) {}
}
