package io.conduit.provider.testkit;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/** The scripted behaviours of a server and the rule that picks one for a request. */
final class BehaviorScript {

  private final String requiredKey;
  private final Map<String, Behavior> byModel = new ConcurrentHashMap<>();
  private final Queue<Behavior> queued = new ConcurrentLinkedQueue<>();
  private volatile Function<RecordedRequest, Behavior> script = r -> null;
  private volatile Behavior defaultBehavior;

  BehaviorScript(String requiredKey, Map<String, Behavior> byModel, Behavior defaultBehavior) {
    this.requiredKey = requiredKey;
    this.byModel.putAll(byModel);
    this.defaultBehavior = defaultBehavior;
  }

  void behave(String model, Behavior behavior) {
    byModel.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(behavior, "behavior"));
  }

  void byDefault(Behavior behavior) {
    defaultBehavior = Objects.requireNonNull(behavior, "behavior");
  }

  void enqueue(Behavior behavior) {
    queued.add(Objects.requireNonNull(behavior, "behavior"));
  }

  void script(Function<RecordedRequest, Behavior> function) {
    script = Objects.requireNonNull(function, "script");
  }

  void reset() {
    queued.clear();
    byModel.clear();
    script = r -> null;
    defaultBehavior = Behavior.reply();
  }

  /** The models that have a behaviour of their own, sorted. */
  Collection<String> models() {
    return new TreeSet<>(byModel.keySet());
  }

  /** Precondition failure, else queued, else script, else per model, else default. */
  Behavior resolve(RecordedRequest request) {
    Optional<Behavior.Fail> failure = RequestCheck.failure(request, requiredKey);
    if (failure.isPresent()) {
      return failure.get();
    }
    if (RequestCheck.route(request) == RequestCheck.Route.MODELS) {
      return Behavior.reply();
    }
    Behavior next = queued.poll();
    if (next != null) {
      return next;
    }
    Behavior scripted = script.apply(request);
    if (scripted != null) {
      return scripted;
    }
    return request.model().map(byModel::get).orElse(defaultBehavior);
  }
}
