package io.conduit.admin.web;

import io.conduit.contracts.error.ErrorEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every admin error leaves as the OpenAI error envelope; never a stack trace. */
@RestControllerAdvice
public class AdminErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(AdminErrorHandler.class);

    @ExceptionHandler(AdminException.class)
    ResponseEntity<byte[]> admin(AdminException e) {
        return body(e.status(), e.getMessage(), e.type(), e.param(), e.code());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<byte[]> unreadable(HttpMessageNotReadableException e) {
        return body(400, "The request body is not valid JSON of the expected shape.", "invalid_request_error", null,
                "invalid_json");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<byte[]> invalid(MethodArgumentNotValidException e) {
        var field = e.getBindingResult().getFieldError();
        String param = field == null ? null : field.getField();
        String message = field == null ? "The request is invalid." : "'" + param + "' " + field.getDefaultMessage() + ".";
        return body(400, message, "invalid_request_error", param, "invalid_value");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<byte[]> mismatch(MethodArgumentTypeMismatchException e) {
        return body(400, "'" + e.getName() + "' has an invalid value.", "invalid_request_error", e.getName(), "invalid_value");
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<byte[]> duplicate(DuplicateKeyException e) {
        return body(409, "An entity with the same unique name already exists.", "invalid_request_error", null, "conflict");
    }

    /** Spring's own errors (unknown path, wrong method or media type …) keep their status; anything else is a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> unexpected(Exception e) {
        if (e instanceof ErrorResponse framework) {
            HttpStatusCode status = framework.getStatusCode();
            HttpStatus known = HttpStatus.resolve(status.value());
            return body(status.value(), known == null ? "Request failed." : known.getReasonPhrase() + ".",
                    status.is4xxClientError() ? "invalid_request_error" : "api_error", null, null);
        }
        log.error("Admin request failed: {}", e.toString());
        return body(500, "The admin API failed to process the request.", "api_error", null, "internal_error");
    }

    static ResponseEntity<byte[]> body(int status, String message, String type, String param, String code) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorEnvelope.json(message, type, param, code));
    }
}
