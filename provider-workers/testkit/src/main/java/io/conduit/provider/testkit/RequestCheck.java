package io.conduit.provider.testkit;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The checks OpenAI makes before a request reaches a model, in its order: a known URL, an API key,
 * a JSON body with the required fields. Each failure is the error OpenAI answers with.
 */
final class RequestCheck {

  /** The endpoints the fake serves. */
  enum Route { CHAT, EMBEDDINGS, MODELS, UNKNOWN }

  static final String INVALID_JSON = "We could not parse the JSON body of your request. (HINT: This likely "
      + "means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but "
      + "what was sent was not valid JSON. If you have trouble figuring out how to fix this, please "
      + "contact us through our help center at help.openai.com.)";

  static final String NO_API_KEY = "You didn't provide an API key. You need to provide your API key in an "
      + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password "
      + "field (with blank username) if you're accessing the API from your browser and are prompted for a "
      + "username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";

  private RequestCheck() {}

  static Route route(RecordedRequest request) {
    String path = request.path();
    String method = request.method();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return switch (path) {
      case "/v1/chat/completions" -> method.equals("POST") ? Route.CHAT : Route.UNKNOWN;
      case "/v1/embeddings" -> method.equals("POST") ? Route.EMBEDDINGS : Route.UNKNOWN;
      case "/v1/models" -> method.equals("GET") ? Route.MODELS : Route.UNKNOWN;
      default -> Route.UNKNOWN;
    };
  }

  /**
   * The error OpenAI would answer before looking at the model, if any.
   *
   * @param requiredKey the only accepted bearer key, or null to accept any (and none)
   */
  static Optional<Behavior.Fail> failure(RecordedRequest request, String requiredKey) {
    Route route = route(request);
    if (route == Route.UNKNOWN) {
      return Optional.of(invalidRequest(404, "Invalid URL (" + request.method() + " " + request.path() + ")",
          null, null));
    }
    if (requiredKey != null) {
      Optional<String> key = request.bearerToken();
      if (key.isEmpty()) {
        return Optional.of(invalidRequest(401, NO_API_KEY, null, null));
      }
      if (!key.get().equals(requiredKey)) {
        return Optional.of(Behavior.invalidApiKey());
      }
    }
    if (route == Route.MODELS) {
      return Optional.empty();
    }
    Optional<JsonNode> json = request.json();
    if (json.isEmpty() || !json.get().isObject()) {
      return Optional.of(invalidRequest(400, INVALID_JSON, null, null));
    }
    if (request.model().isEmpty()) {
      return Optional.of(invalidRequest(400, "you must provide a model parameter", null, null));
    }
    String required = route == Route.CHAT ? "messages" : "input";
    if (json.get().path(required).isMissingNode() || json.get().path(required).isNull()) {
      return Optional.of(invalidRequest(400, "Missing required parameter: '" + required + "'.", required,
          "missing_required_parameter"));
    }
    return Optional.empty();
  }

  /** {@code {model}} and {@code {key}} of a {@link Behavior.Fail} message filled in. */
  static String expand(String message, RecordedRequest request) {
    if (message.indexOf('{') < 0) {
      return message;
    }
    return message.replace("{model}", request.model().orElse(""))
        .replace("{key}", mask(request.bearerToken().orElse("")));
  }

  /** Masks a key the way OpenAI quotes it in errors: a few leading and the last four characters. */
  static String mask(String key) {
    if (key.length() <= 8) {
      return "*".repeat(key.length());
    }
    return key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
  }

  private static Behavior.Fail invalidRequest(int status, String message, String param, String code) {
    return Behavior.error(status, "invalid_request_error", code, message).withParam(param);
  }
}
