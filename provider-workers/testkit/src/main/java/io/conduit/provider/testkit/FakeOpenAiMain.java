package io.conduit.provider.testkit;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeOpenAi} for benchmarks: zero delay, the default non-streamed reply (streamed
 * when a request asks for it), no request log. Usage: {@code java … FakeOpenAiMain [port]}
 * (default 0 = a free port). Prints the base URL on the first line of standard output, then serves
 * until the process is stopped.
 */
public final class FakeOpenAiMain {

  private FakeOpenAiMain() {}

  /**
   * Starts the server.
   *
   * @param args optional: the port
   */
  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    FakeOpenAi fake = FakeOpenAi.builder().port(port).recordRequests(false).start();
    Runtime.getRuntime().addShutdownHook(new Thread(fake::close, "fake-openai-shutdown"));
    System.out.println(fake.baseUrl());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
