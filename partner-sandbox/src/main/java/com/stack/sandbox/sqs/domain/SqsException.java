package com.stack.sandbox.sqs.domain;

/**
 * A request SQS refuses. Answered with HTTP 400 and {@code {"__type": "com.amazonaws.sqs#<code>",
 * "message": "..."}}, plus the header {@code x-amzn-query-error: <queryCode>;Sender} that SQS sends for
 * clients of its older query protocol (the AWS SDK v2 reads the error code from it when present, and
 * picks the exception class from {@code __type}).
 */
public class SqsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String queryCode;

    public SqsException(String code, String queryCode, String message) {
        super(message, null, false, false);
        this.code = code;
        this.queryCode = queryCode;
    }

    public static SqsException queueDoesNotExist() {
        return new SqsException(
                "QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist.");
    }

    public static SqsException invalidAddress(String queueUrl) {
        return new SqsException(
                "InvalidAddress", "InvalidAddress", "The address " + queueUrl + " is not valid for this endpoint.");
    }

    public static SqsException receiptHandleIsInvalid(String receiptHandle) {
        return new SqsException(
                "ReceiptHandleIsInvalid",
                "ReceiptHandleIsInvalid",
                "The input receipt handle \"" + receiptHandle + "\" is not a valid receipt handle.");
    }

    public static SqsException messageNotInflight() {
        return new SqsException(
                "MessageNotInflight", "AWS.SimpleQueueService.MessageNotInflight", "The message is not in flight.");
    }

    public static SqsException invalidParameterValue(String message) {
        return new SqsException("InvalidParameterValue", "InvalidParameterValue", message);
    }

    public static SqsException missingParameter(String parameter) {
        return new SqsException(
                "MissingParameter", "MissingParameter", "The request must contain the parameter " + parameter + ".");
    }

    public static SqsException invalidAttributeName(String name) {
        return new SqsException("InvalidAttributeName", "InvalidAttributeName", "Unknown Attribute " + name + ".");
    }

    public static SqsException invalidAction(String target) {
        return new SqsException(
                "InvalidAction",
                "InvalidAction",
                "The action or operation requested is invalid: " + target
                        + ". Send X-Amz-Target: AmazonSQS.<Action> (the JSON protocol) with a supported action.");
    }

    public static SqsException unsupportedOperation(String action) {
        return new SqsException(
                "UnsupportedOperation",
                "AWS.SimpleQueueService.UnsupportedOperation",
                action + " is not emulated by the partner sandbox.");
    }

    public static SqsException emptyBatchRequest() {
        return new SqsException(
                "EmptyBatchRequest",
                "AWS.SimpleQueueService.EmptyBatchRequest",
                "There should be at least one entry in the request.");
    }

    public static SqsException tooManyEntriesInBatchRequest(int count) {
        return new SqsException(
                "TooManyEntriesInBatchRequest",
                "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                "Maximum number of entries per request are 10. You have sent " + count + ".");
    }

    public static SqsException batchEntryIdsNotDistinct(String id) {
        return new SqsException(
                "BatchEntryIdsNotDistinct",
                "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                "Id " + id + " repeated.");
    }

    public static SqsException invalidBatchEntryId(String id) {
        return new SqsException(
                "InvalidBatchEntryId",
                "AWS.SimpleQueueService.InvalidBatchEntryId",
                "A batch entry id can only contain alphanumeric characters, hyphens and underscores, at most 80: "
                        + id);
    }

    /** The short error code, such as "QueueDoesNotExist". */
    public String code() {
        return code;
    }

    /** {@code __type}, such as "com.amazonaws.sqs#QueueDoesNotExist". */
    public String type() {
        return "com.amazonaws.sqs#" + code;
    }

    /** The value of the {@code x-amzn-query-error} header. */
    public String queryError() {
        return queryCode + ";Sender";
    }
}
