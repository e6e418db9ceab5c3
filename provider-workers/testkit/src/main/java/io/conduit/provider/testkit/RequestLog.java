package io.conduit.provider.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The requests a server received, with waiting for a number of them. */
final class RequestLog {

  private final List<RecordedRequest> requests = new ArrayList<>();

  synchronized void add(RecordedRequest request) {
    requests.add(request);
    notifyAll();
  }

  synchronized List<RecordedRequest> snapshot() {
    return List.copyOf(requests);
  }

  synchronized void clear() {
    requests.clear();
  }

  synchronized List<RecordedRequest> await(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("expected " + count + " request(s) within " + timeout + ", got "
              + requests.size() + ": " + requests);
        }
        wait(Math.max(1, left / 1_000_000), 0);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for requests", e);
    }
    return List.copyOf(requests);
  }
}
