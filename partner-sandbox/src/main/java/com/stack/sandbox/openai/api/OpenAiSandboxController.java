package com.stack.sandbox.openai.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.stack.sandbox.openai.app.AnswerModes;
import com.stack.sandbox.openai.app.ChatCompletions;
import com.stack.sandbox.openai.domain.AnswerMode;
import com.stack.sandbox.openai.domain.ChatMessage;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * The sandbox's control API for the OpenAI emulation (OpenAI has none): how the next answers are written, and every
 * request received, to check what left the calling service. No credentials.
 */
@RestController
@RequestMapping(path = "/sandbox/openai", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpenAiSandboxController {

    static final int MAX_COUNT = 1000;

    private final AnswerModes modes;
    private final ChatCompletions completions;

    public OpenAiSandboxController(AnswerModes modes, ChatCompletions completions) {
        this.modes = modes;
        this.completions = completions;
    }

    /** @param count optional: the next {@code count} answers (1 to {@value #MAX_COUNT}), then NORMAL again */
    public record ModeRequest(String mode, Integer count) {}

    /** @param remaining answers left in this mode; {@code null} until changed */
    public record ModeView(AnswerMode mode, Integer remaining) {

        static ModeView of(AnswerModes.Setting setting) {
            return new ModeView(setting.mode(), setting.remaining());
        }
    }

    public record RecordedRequest(String model, boolean stream, List<ChatMessage> messages, String receivedAt) {}

    public record Requests(int count, List<RecordedRequest> requests) {}

    @PutMapping(path = "/mode", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> setMode(@RequestBody(required = false) ModeRequest request) {
        Optional<AnswerMode> mode =
                Optional.ofNullable(request).map(ModeRequest::mode).flatMap(OpenAiSandboxController::mode);
        if (mode.isEmpty()) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid("mode", "mode must be one of " + List.of(AnswerMode.values())));
        }
        if (request.count() != null && (request.count() < 1 || request.count() > MAX_COUNT)) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 1 to " + MAX_COUNT));
        }
        return ResponseEntity.ok(ModeView.of(modes.set(mode.get(), request.count())));
    }

    @GetMapping("/mode")
    public ModeView mode() {
        return ModeView.of(modes.current());
    }

    @DeleteMapping("/mode")
    public ResponseEntity<Void> resetMode() {
        modes.reset();
        return ResponseEntity.noContent().build();
    }

    /** Every chat completion request received (past the key check), oldest first. */
    @GetMapping("/requests")
    public Requests requests() {
        List<RecordedRequest> requests = completions.received().stream()
                .map(r -> new RecordedRequest(
                        r.model(), r.stream(), r.messages(), r.receivedAt().toString()))
                .toList();
        return new Requests(requests.size(), requests);
    }

    @DeleteMapping("/requests")
    public ResponseEntity<Void> forgetRequests() {
        completions.forget();
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ControlError> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .body(ControlError.invalid(
                        null, "the body must be {\"mode\": \"NORMAL|WRONG_NUMBERS|NO_FIGURES\", \"count\": n}"));
    }

    private static Optional<AnswerMode> mode(String name) {
        try {
            return Optional.of(AnswerMode.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
