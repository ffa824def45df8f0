package com.stack.sandbox.google.domain;

/** A send FCM refuses, with its HTTP status and error body. */
public class FcmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient FcmError body;

    public FcmException(FcmError body) {
        super(body.error().message(), null, false, false);
        this.body = body;
    }

    public static FcmException invalidArgument(String message) {
        return new FcmException(FcmError.of(400, "INVALID_ARGUMENT", message, "INVALID_ARGUMENT"));
    }

    public static FcmException unregistered() {
        return new FcmException(FcmError.of(404, "NOT_FOUND", "Requested entity was not found.", "UNREGISTERED"));
    }

    public static FcmException permissionDenied(String projectId) {
        return new FcmException(FcmError.of(
                403,
                "PERMISSION_DENIED",
                "Permission 'cloudmessaging.messages.create' denied on "
                        + "resource '//cloudresourcemanager.googleapis.com/projects/" + projectId
                        + "' (or it may not exist).",
                null));
    }

    public int httpStatus() {
        return body.error().code();
    }

    public FcmError body() {
        return body;
    }
}
