package com.stack.sandbox.sqs.domain;

/**
 * The attributes of a queue the emulation honours, as set by CreateQueue (SQS's defaults otherwise).
 *
 * @param visibilityTimeoutSeconds how long a received message stays invisible, unless a ReceiveMessage says otherwise
 * @param receiveWaitSeconds       the long-poll wait of a ReceiveMessage that does not say
 * @param delaySeconds             how long a sent message stays invisible before its first receive
 */
public record QueueSettings(int visibilityTimeoutSeconds, int receiveWaitSeconds, int delaySeconds) {

    public static final int DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
    public static final int MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;
    public static final int MAX_WAIT_SECONDS = 20;
    public static final int MAX_DELAY_SECONDS = 900;

    public static final QueueSettings DEFAULTS = new QueueSettings(DEFAULT_VISIBILITY_TIMEOUT_SECONDS, 0, 0);

    public QueueSettings {
        checkRange("VisibilityTimeout", visibilityTimeoutSeconds, MAX_VISIBILITY_TIMEOUT_SECONDS);
        checkRange("ReceiveMessageWaitTimeSeconds", receiveWaitSeconds, MAX_WAIT_SECONDS);
        checkRange("DelaySeconds", delaySeconds, MAX_DELAY_SECONDS);
    }

    /** @throws SqsException (InvalidParameterValue) when {@code value} is outside 0 to {@code max} */
    public static int checkRange(String name, int value, int max) {
        if (value < 0 || value > max) {
            throw SqsException.invalidParameterValue("Value " + value + " for parameter " + name
                    + " is invalid. Reason: must be between 0 and " + max + ".");
        }
        return value;
    }
}
