package com.stack.sandbox.google.domain;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * FCM HTTP v1's error body, Google's API error format: {@code {"error": {"code": 404, "message": "...",
 * "status": "NOT_FOUND", "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
 * "errorCode": "UNREGISTERED"}]}}}. The FCM error code in the details is what a client acts on.
 */
public record FcmError(Status error) {

    public static final String FCM_ERROR_TYPE = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Status(int code, String message, String status, List<Map<String, String>> details) {}

    /** With an FCM error code in the details; without one when {@code fcmErrorCode} is null. */
    public static FcmError of(int code, String status, String message, String fcmErrorCode) {
        return new FcmError(new Status(
                code,
                message,
                status,
                fcmErrorCode == null
                        ? List.of()
                        : List.of(Map.of("@type", FCM_ERROR_TYPE, "errorCode", fcmErrorCode))));
    }
}
