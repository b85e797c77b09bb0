package dev.herald.examples.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for Slack's webhook on 127.0.0.1: answers each POST with the next scripted
 * reply (200 once the script is used up) and records the bodies. A "hang" reply holds the request
 * until {@link #close()}.
 */
final class FakeSlack implements AutoCloseable {

  record Reply(int status, String retryAfter, boolean hang) {
    static Reply status(int status) {
      return new Reply(status, null, false);
    }
  }

  static final Reply HANG = new Reply(200, null, true);

  private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "fake-slack");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpServer server;

  FakeSlack(Reply... replies) throws IOException {
    script.addAll(java.util.List.of(replies));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/services/T000/B000/SECRETTOKEN", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The webhook URL, with a token-like path. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T000/B000/SECRETTOKEN";
  }

  /** The next request body, waiting up to 10 seconds; fails the test if none came. */
  String nextBody() throws InterruptedException {
    String body = bodies.poll(10, TimeUnit.SECONDS);
    if (body == null) {
      throw new AssertionError("the fake Slack received no request within 10s");
    }
    return body;
  }

  /** How many requests arrived so far. */
  int requests() {
    return bodies.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Reply reply = script.poll();
    reply = reply == null ? Reply.status(200) : reply;
    if (reply.hang()) {
      try {
        released.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (reply.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
    }
    exchange.sendResponseHeaders(reply.status(), -1);
    exchange.close();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
