package com.stack.sandbox.sqs.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.stack.sandbox.partners.SandboxIds;
import com.stack.sandbox.sqs.app.Queues;
import com.stack.sandbox.sqs.domain.MessageAttribute;
import com.stack.sandbox.sqs.domain.MessageDigests;
import com.stack.sandbox.sqs.domain.QueueSettings;
import com.stack.sandbox.sqs.domain.SqsException;
import com.stack.sandbox.sqs.domain.StandardQueue;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Amazon SQS, as far as a consumer of DriveWealth's events needs it, speaking SQS's JSON protocol (AWS
 * JSON 1.0): {@code POST /sqs} (or any path below it) with {@code X-Amz-Target: AmazonSQS.<Action>}
 * and a JSON body, answered in {@code application/x-amz-json-1.0}. Point an AWS SDK's endpoint
 * override at {@code http://<sandbox>/sqs}. The SigV4 signature ({@code Authorization},
 * {@code X-Amz-Date}) is not verified: any credentials do.
 *
 * <p>Actions: CreateQueue, GetQueueUrl, ListQueues, GetQueueAttributes, PurgeQueue, SendMessage,
 * ReceiveMessage (long polling included), DeleteMessage, DeleteMessageBatch, ChangeMessageVisibility.
 * Other SQS actions are UnsupportedOperation, anything else InvalidAction; refusals are HTTP 400 with
 * SQS's error body.
 */
@RestController
public class SqsController {

    static final String TARGET_HEADER = "X-Amz-Target";
    static final String TARGET_PREFIX = "AmazonSQS.";
    static final MediaType AWS_JSON = MediaType.parseMediaType("application/x-amz-json-1.0");
    static final String QUERY_ERROR_HEADER = "x-amzn-query-error";
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    /** Message system attributes the emulation returns; "All" asks for all of them. */
    private static final List<String> SYSTEM_ATTRIBUTES =
            List.of("SenderId", "SentTimestamp", "ApproximateReceiveCount", "ApproximateFirstReceiveTimestamp");

    private static final Set<String> UNSUPPORTED = Set.of(
            "SendMessageBatch",
            "ChangeMessageVisibilityBatch",
            "DeleteQueue",
            "SetQueueAttributes",
            "TagQueue",
            "UntagQueue",
            "ListQueueTags",
            "AddPermission",
            "RemovePermission",
            "ListDeadLetterSourceQueues",
            "StartMessageMoveTask",
            "CancelMessageMoveTask",
            "ListMessageMoveTasks");
    private static final Pattern BATCH_ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final int MAX_BATCH_ENTRIES = 10;
    private static final int MAX_MESSAGE_ATTRIBUTES = 10;
    private static final String DEFAULT_MAXIMUM_MESSAGE_SIZE = String.valueOf(StandardQueue.MAX_BODY_BYTES);
    /** Four days, SQS's default; messages are in fact kept until deleted. */
    private static final String MESSAGE_RETENTION_PERIOD = "345600";

    private static final byte[] EMPTY_OBJECT = {'{', '}'};

    private final Queues queues;
    private final JsonMapper json;

    public SqsController(Queues queues, JsonMapper json) {
        this.queues = queues;
        this.json = json;
    }

    @PostMapping(path = {Queues.BASE_PATH, Queues.BASE_PATH + "/**"})
    public Mono<ResponseEntity<byte[]>> call(
            @RequestHeader(name = TARGET_HEADER, required = false) String target,
            @RequestBody(required = false) byte[] body,
            ServerHttpRequest request) {
        return Mono.defer(() -> dispatch(target, body == null ? new byte[0] : body, endpoint(request)))
                .map(this::answer)
                .onErrorResume(SqsException.class, e -> Mono.just(refusal(e)));
    }

    private Mono<Object> dispatch(String target, byte[] body, String endpoint) {
        String action =
                target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : "";
        return switch (action) {
            case "CreateQueue" -> Mono.just(createQueue(read(body, SqsRequests.CreateQueue.class), endpoint));
            case "GetQueueUrl" -> Mono.just(getQueueUrl(read(body, SqsRequests.GetQueueUrl.class), endpoint));
            case "ListQueues" -> Mono.just(listQueues(read(body, SqsRequests.ListQueues.class), endpoint));
            case "GetQueueAttributes" ->
                Mono.just(getQueueAttributes(read(body, SqsRequests.GetQueueAttributes.class)));
            case "PurgeQueue" -> Mono.just(purgeQueue(read(body, SqsRequests.QueueOnly.class)));
            case "SendMessage" -> Mono.just(sendMessage(read(body, SqsRequests.SendMessage.class)));
            case "ReceiveMessage" -> receiveMessage(read(body, SqsRequests.ReceiveMessage.class));
            case "DeleteMessage" -> Mono.just(deleteMessage(read(body, SqsRequests.DeleteMessage.class)));
            case "DeleteMessageBatch" ->
                Mono.just(deleteMessageBatch(read(body, SqsRequests.DeleteMessageBatch.class)));
            case "ChangeMessageVisibility" ->
                Mono.just(changeMessageVisibility(read(body, SqsRequests.ChangeMessageVisibility.class)));
            default ->
                throw UNSUPPORTED.contains(action)
                        ? SqsException.unsupportedOperation(action)
                        : SqsException.invalidAction(target == null ? "(no " + TARGET_HEADER + " header)" : target);
        };
    }

    private SqsResponses.QueueUrl createQueue(SqsRequests.CreateQueue request, String endpoint) {
        return new SqsResponses.QueueUrl(
                Queues.url(endpoint, queues.create(request.queueName(), settings(request.attributes()))));
    }

    private SqsResponses.QueueUrl getQueueUrl(SqsRequests.GetQueueUrl request, String endpoint) {
        if (request.queueName() == null || request.queueName().isEmpty()) {
            throw SqsException.missingParameter("QueueName");
        }
        StandardQueue queue = queues.named(request.queueName()).orElseThrow(SqsException::queueDoesNotExist);
        return new SqsResponses.QueueUrl(Queues.url(endpoint, queue));
    }

    private SqsResponses.QueueUrls listQueues(SqsRequests.ListQueues request, String endpoint) {
        String prefix = request.queueNamePrefix() == null ? "" : request.queueNamePrefix();
        return new SqsResponses.QueueUrls(queues.all().stream()
                .filter(queue -> queue.name().startsWith(prefix))
                .map(queue -> Queues.url(endpoint, queue))
                .toList());
    }

    private SqsResponses.Attributes getQueueAttributes(SqsRequests.GetQueueAttributes request) {
        StandardQueue queue = queues.byUrl(request.queueUrl());
        StandardQueue.Counts counts = queues.counts(queue);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("ApproximateNumberOfMessages", String.valueOf(counts.visible()));
        all.put("ApproximateNumberOfMessagesNotVisible", String.valueOf(counts.notVisible()));
        all.put("ApproximateNumberOfMessagesDelayed", String.valueOf(counts.delayed()));
        all.put("VisibilityTimeout", String.valueOf(queue.settings().visibilityTimeoutSeconds()));
        all.put("ReceiveMessageWaitTimeSeconds", String.valueOf(queue.settings().receiveWaitSeconds()));
        all.put("DelaySeconds", String.valueOf(queue.settings().delaySeconds()));
        all.put("MaximumMessageSize", DEFAULT_MAXIMUM_MESSAGE_SIZE);
        all.put("MessageRetentionPeriod", MESSAGE_RETENTION_PERIOD);
        all.put("CreatedTimestamp", String.valueOf(queue.createdAt().getEpochSecond()));
        all.put("LastModifiedTimestamp", String.valueOf(queue.createdAt().getEpochSecond()));
        all.put("QueueArn", Queues.arn(queue));
        List<String> names = request.attributeNames() == null ? List.of() : request.attributeNames();
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String name : names) {
            if (name.equals("All")) {
                chosen.putAll(all);
            } else if (all.containsKey(name)) {
                chosen.put(name, all.get(name));
            } else {
                throw SqsException.invalidAttributeName(name);
            }
        }
        return new SqsResponses.Attributes(chosen);
    }

    private Map<String, Object> purgeQueue(SqsRequests.QueueOnly request) {
        queues.byUrl(request.queueUrl()).purge();
        return Map.of();
    }

    private SqsResponses.Sent sendMessage(SqsRequests.SendMessage request) {
        StandardQueue queue = queues.byUrl(request.queueUrl());
        StandardQueue.Sent sent = queues.send(
                queue,
                request.messageBody(),
                attributes(request.messageAttributes()),
                request.delaySeconds(),
                Queues.ACCOUNT_ID);
        return new SqsResponses.Sent(sent.messageId(), sent.md5OfMessageBody(), sent.md5OfMessageAttributes());
    }

    private Mono<Object> receiveMessage(SqsRequests.ReceiveMessage request) {
        StandardQueue queue = queues.byUrl(request.queueUrl());
        int max = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
        int wait = request.waitTimeSeconds() == null
                ? queue.settings().receiveWaitSeconds()
                : QueueSettings.checkRange(
                        "WaitTimeSeconds", request.waitTimeSeconds(), QueueSettings.MAX_WAIT_SECONDS);
        int visibility = request.visibilityTimeout() == null
                ? queue.settings().visibilityTimeoutSeconds()
                : request.visibilityTimeout();
        Set<String> systemNames = new HashSet<>();
        if (request.attributeNames() != null) {
            systemNames.addAll(request.attributeNames());
        }
        if (request.messageSystemAttributeNames() != null) {
            systemNames.addAll(request.messageSystemAttributeNames());
        }
        List<String> attributeNames =
                request.messageAttributeNames() == null ? List.of() : request.messageAttributeNames();
        // checked before any wait, as SQS refuses a bad request at once
        StandardQueue.checkReceive(max, visibility);
        return queues.receive(queue, max, visibility, Duration.ofSeconds(wait))
                .map(received -> new SqsResponses.Messages(received.stream()
                        .map(message -> message(message, systemNames, attributeNames))
                        .toList()));
    }

    private SqsResponses.Message message(
            StandardQueue.Received message, Set<String> systemNames, List<String> attributeNames) {
        Map<String, String> system = new LinkedHashMap<>();
        for (String name : SYSTEM_ATTRIBUTES) {
            if (systemNames.contains("All") || systemNames.contains(name)) {
                system.put(
                        name,
                        switch (name) {
                            case "SenderId" -> message.senderId();
                            case "SentTimestamp" ->
                                String.valueOf(message.sentTimestamp().toEpochMilli());
                            case "ApproximateReceiveCount" -> String.valueOf(message.receiveCount());
                            default ->
                                String.valueOf(message.firstReceiveTimestamp().toEpochMilli());
                        });
            }
        }
        Map<String, MessageAttribute> chosen = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            if (wanted(name, attributeNames)) {
                chosen.put(name, value);
            }
        });
        Map<String, SqsResponses.AttributeValue> attributes = new LinkedHashMap<>();
        chosen.forEach((name, value) -> attributes.put(
                name, new SqsResponses.AttributeValue(value.dataType(), value.stringValue(), value.binaryValue())));
        return new SqsResponses.Message(
                message.messageId(),
                message.receiptHandle(),
                message.md5OfBody(),
                message.body(),
                system,
                chosen.isEmpty() ? null : MessageDigests.ofAttributes(chosen),
                attributes);
    }

    /** "All" and ".*" ask for every attribute, "prefix.*" for those starting with "prefix.", a name for itself. */
    private static boolean wanted(String name, List<String> requested) {
        for (String pattern : requested) {
            if (pattern.equals("All")
                    || pattern.equals(".*")
                    || pattern.equals(name)
                    || (pattern.endsWith(".*") && name.startsWith(pattern.substring(0, pattern.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> deleteMessage(SqsRequests.DeleteMessage request) {
        StandardQueue queue = queues.byUrl(request.queueUrl());
        queue.delete(requiredHandle(request.receiptHandle()));
        return Map.of();
    }

    private SqsResponses.Batch deleteMessageBatch(SqsRequests.DeleteMessageBatch request) {
        StandardQueue queue = queues.byUrl(request.queueUrl());
        List<SqsRequests.BatchEntry> entries = request.entries() == null ? List.of() : request.entries();
        if (entries.isEmpty()) {
            throw SqsException.emptyBatchRequest();
        }
        if (entries.size() > MAX_BATCH_ENTRIES) {
            throw SqsException.tooManyEntriesInBatchRequest(entries.size());
        }
        Set<String> ids = new HashSet<>();
        for (SqsRequests.BatchEntry entry : entries) {
            if (entry.id() == null || !BATCH_ENTRY_ID.matcher(entry.id()).matches()) {
                throw SqsException.invalidBatchEntryId(String.valueOf(entry.id()));
            }
            if (!ids.add(entry.id())) {
                throw SqsException.batchEntryIdsNotDistinct(entry.id());
            }
        }
        List<SqsResponses.BatchSuccess> successful = new ArrayList<>();
        List<SqsResponses.BatchFailure> failed = new ArrayList<>();
        for (SqsRequests.BatchEntry entry : entries) {
            try {
                queue.delete(requiredHandle(entry.receiptHandle()));
                successful.add(new SqsResponses.BatchSuccess(entry.id()));
            } catch (SqsException e) {
                failed.add(new SqsResponses.BatchFailure(entry.id(), true, e.code(), e.getMessage()));
            }
        }
        return new SqsResponses.Batch(successful, failed);
    }

    private Map<String, Object> changeMessageVisibility(SqsRequests.ChangeMessageVisibility request) {
        StandardQueue queue = queues.byUrl(request.queueUrl());
        if (request.visibilityTimeout() == null) {
            throw SqsException.missingParameter("VisibilityTimeout");
        }
        queues.changeVisibility(queue, requiredHandle(request.receiptHandle()), request.visibilityTimeout());
        return Map.of();
    }

    private static String requiredHandle(String receiptHandle) {
        if (receiptHandle == null || receiptHandle.isEmpty()) {
            throw SqsException.missingParameter("ReceiptHandle");
        }
        return receiptHandle;
    }

    private static QueueSettings settings(Map<String, String> attributes) {
        if (attributes == null || attributes.isEmpty()) {
            return QueueSettings.DEFAULTS;
        }
        if ("true".equalsIgnoreCase(attributes.get("FifoQueue"))) {
            throw SqsException.invalidParameterValue("FIFO queues are not emulated by the partner sandbox");
        }
        return new QueueSettings(
                intAttribute(attributes, "VisibilityTimeout", QueueSettings.DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
                intAttribute(attributes, "ReceiveMessageWaitTimeSeconds", 0),
                intAttribute(attributes, "DelaySeconds", 0));
    }

    private static int intAttribute(Map<String, String> attributes, String name, int fallback) {
        String value = attributes.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw SqsException.invalidParameterValue("Invalid value for the parameter " + name + ": " + value);
        }
    }

    private static Map<String, MessageAttribute> attributes(Map<String, SqsRequests.AttributeValue> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        if (values.size() > MAX_MESSAGE_ATTRIBUTES) {
            throw SqsException.invalidParameterValue("Number of message attributes [" + values.size()
                    + "] exceeds the allowed maximum [" + MAX_MESSAGE_ATTRIBUTES + "].");
        }
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name.isEmpty() || name.length() > 256 || name.startsWith("AWS.") || name.startsWith("Amazon.")) {
                throw SqsException.invalidParameterValue("Message attribute name '" + name + "' is invalid.");
            }
            String type = value == null ? null : value.dataType();
            if (type == null
                    || !(type.startsWith("String") || type.startsWith("Number") || type.startsWith("Binary"))) {
                throw SqsException.invalidParameterValue("The type of message attribute '" + name
                        + "' is invalid: String, Number or Binary, optionally with a custom suffix.");
            }
            boolean binary = type.startsWith("Binary");
            if (binary ? value.binaryValue() == null : value.stringValue() == null) {
                throw SqsException.invalidParameterValue("Message attribute '" + name + "' must contain a non-empty "
                        + (binary ? "BinaryValue" : "StringValue") + ".");
            }
            attributes.put(
                    name,
                    new MessageAttribute(
                            type, binary ? null : value.stringValue(), binary ? value.binaryValue() : null));
        });
        return attributes;
    }

    private <T> T read(byte[] body, Class<T> type) {
        try {
            return json.readValue(body.length == 0 ? EMPTY_OBJECT : body, type);
        } catch (JacksonException e) {
            throw SqsException.invalidParameterValue(
                    "The request body is not a valid JSON object of this action: " + e.getOriginalMessage());
        }
    }

    /** {@code http://<host the client used>/sqs}: where the queue URLs it is given point to. */
    private static String endpoint(ServerHttpRequest request) {
        return UriComponentsBuilder.fromUri(request.getURI())
                .replacePath(Queues.BASE_PATH)
                .replaceQuery(null)
                .fragment(null)
                .build()
                .toUriString();
    }

    private ResponseEntity<byte[]> answer(Object body) {
        return ResponseEntity.ok().headers(headers()).body(json.writeValueAsBytes(body));
    }

    private ResponseEntity<byte[]> refusal(SqsException e) {
        HttpHeaders headers = headers();
        headers.set(QUERY_ERROR_HEADER, e.queryError());
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .headers(headers)
                .body(json.writeValueAsBytes(new SqsResponses.Error(e.type(), e.getMessage())));
    }

    private static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(AWS_JSON);
        headers.set(REQUEST_ID_HEADER, SandboxIds.uuid().toString());
        return headers;
    }
}
