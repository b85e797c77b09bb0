package com.acme.shop.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A local stand-in for a Slack incoming webhook: it accepts the JSON that Slack's webhooks accept,
 * prints each message as the channel would show it ({@code #sales  | New order: 7 - 30.00}) and
 * answers {@code 200 ok}, as Slack does.
 *
 * <p>Listens on 127.0.0.1 on a free port; any path is accepted. Requests are handled one at a time,
 * so messages print in the order they arrive, and each is printed before it is answered: once a
 * sender has its answer, the line is out. Run {@code java -jar slack-stand-in.jar [url-file]}: with
 * a file, it writes its URL there (whole, or not at all) for a launcher to read; it runs until
 * stopped.
 */
public final class SlackStandIn implements AutoCloseable {

  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final String PATH = "/services/herald-demo";

  private final HttpServer server;
  private final PrintStream out;

  private SlackStandIn(HttpServer server, PrintStream out) {
    this.server = server;
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    if (args.length > 1) {
      System.err.println("usage: java -jar slack-stand-in.jar [file-to-write-the-url-to]");
      System.exit(2);
    }
    SlackStandIn standIn = start(System.out);
    Runtime.getRuntime().addShutdownHook(new Thread(standIn::close, "slack-stand-in-stop"));
    if (args.length == 1) {
      writeWhole(Path.of(args[0]), standIn.url() + System.lineSeparator());
    } else {
      System.out.println("Slack stand-in listening on " + standIn.url());
    }
  }

  /** Starts a stand-in on a free port of 127.0.0.1 that prints messages to {@code out}. */
  static SlackStandIn start(PrintStream out) throws IOException {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0);
    HttpServer server = HttpServer.create(address, 0);
    SlackStandIn standIn = new SlackStandIn(server, out);
    server.createContext("/", standIn::handle);
    server.start();
    return standIn;
  }

  /** The webhook URL to give a sender, e.g. {@code http://127.0.0.1:43210/services/herald-demo}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** Stops listening at once. */
  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, "method_not_allowed");
        return;
      }
      byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        answer(exchange, 413, "payload_too_large");
        return;
      }
      WebhookMessage message;
      try {
        message = WebhookMessage.parse(new String(body, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        out.println("(a message the stand-in could not read: " + e.getMessage() + ")");
        answer(exchange, 400, "invalid_payload");
        return;
      }
      out.println(message.display());
      out.flush();
      answer(exchange, 200, "ok");
    }
  }

  private static void answer(HttpExchange exchange, int status, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** Writes {@code text} to a temporary file beside {@code file}, then moves it into place. */
  private static void writeWhole(Path file, String text) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), ".slack-stand-in", ".tmp");
    Files.writeString(temporary, text, StandardCharsets.UTF_8);
    Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
