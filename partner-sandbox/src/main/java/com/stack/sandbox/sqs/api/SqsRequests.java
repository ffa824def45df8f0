package com.stack.sandbox.sqs.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The request bodies of the SQS JSON protocol (AWS JSON 1.0) that the emulation reads; members it
 * does not read are ignored. Names as SQS spells them.
 */
final class SqsRequests {

    private SqsRequests() {}

    record CreateQueue(
            @JsonProperty("QueueName") String queueName,
            @JsonProperty("Attributes") Map<String, String> attributes) {}

    record GetQueueUrl(@JsonProperty("QueueName") String queueName) {}

    record ListQueues(@JsonProperty("QueueNamePrefix") String queueNamePrefix) {}

    record QueueOnly(@JsonProperty("QueueUrl") String queueUrl) {}

    record GetQueueAttributes(
            @JsonProperty("QueueUrl") String queueUrl,
            @JsonProperty("AttributeNames") List<String> attributeNames) {}

    record SendMessage(
            @JsonProperty("QueueUrl") String queueUrl,
            @JsonProperty("MessageBody") String messageBody,
            @JsonProperty("DelaySeconds") Integer delaySeconds,
            @JsonProperty("MessageAttributes") Map<String, AttributeValue> messageAttributes) {}

    /** {@code {"DataType": "String", "StringValue": "..."}} or {@code {"DataType": "Binary", "BinaryValue": "<base64>"}}. */
    @SuppressWarnings("ArrayRecordComponent") // carries bytes; never compared or hashed
    record AttributeValue(
            @JsonProperty("DataType") String dataType,
            @JsonProperty("StringValue") String stringValue,
            @JsonProperty("BinaryValue") byte[] binaryValue) {}

    record ReceiveMessage(
            @JsonProperty("QueueUrl") String queueUrl,
            @JsonProperty("MaxNumberOfMessages") Integer maxNumberOfMessages,
            @JsonProperty("WaitTimeSeconds") Integer waitTimeSeconds,
            @JsonProperty("VisibilityTimeout") Integer visibilityTimeout,
            @JsonProperty("AttributeNames") List<String> attributeNames,
            @JsonProperty("MessageSystemAttributeNames") List<String> messageSystemAttributeNames,
            @JsonProperty("MessageAttributeNames") List<String> messageAttributeNames) {}

    record DeleteMessage(
            @JsonProperty("QueueUrl") String queueUrl,
            @JsonProperty("ReceiptHandle") String receiptHandle) {}

    record DeleteMessageBatch(
            @JsonProperty("QueueUrl") String queueUrl,
            @JsonProperty("Entries") List<BatchEntry> entries) {}

    record BatchEntry(
            @JsonProperty("Id") String id,
            @JsonProperty("ReceiptHandle") String receiptHandle) {}

    record ChangeMessageVisibility(
            @JsonProperty("QueueUrl") String queueUrl,
            @JsonProperty("ReceiptHandle") String receiptHandle,
            @JsonProperty("VisibilityTimeout") Integer visibilityTimeout) {}
}
