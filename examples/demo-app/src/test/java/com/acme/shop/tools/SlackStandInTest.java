package com.acme.shop.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackStandInTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final SlackStandIn standIn = start(new PrintStream(printed, true, StandardCharsets.UTF_8));
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void printsEachMessageAsTheChannelShowsItBeforeAnsweringOk() throws Exception {
    HttpResponse<String> first = post("{\"channel\":\"#sales\",\"text\":\"New order: 7 - 30.00\"}");
    HttpResponse<String> second = post("{\"channel\":\"#alerts\",\"text\":\"payment.failed.process failed: declined\"}");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("ok");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(printed()).containsExactly(
        "#sales  | New order: 7 - 30.00", "#alerts | payment.failed.process failed: declined");
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(standIn.url()).matches("http://127\\.0\\.0\\.1:\\d+/services/herald-demo");
  }

  @Test
  void answersInvalidPayloadToWhatIsNotJson() throws Exception {
    HttpResponse<String> response = post("payload=not-json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("invalid_payload");
    assertThat(printed()).singleElement().asString().startsWith("(a message the stand-in could not read");
  }

  @Test
  void refusesAnythingButPost() throws Exception {
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(standIn.url())).GET().timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(printed()).isEmpty();
  }

  private HttpResponse<String> post(String json) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.url()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(Duration.ofSeconds(5))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private java.util.List<String> printed() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static SlackStandIn start(PrintStream out) {
    try {
      return SlackStandIn.start(out);
    } catch (IOException e) {
      throw new IllegalStateException("could not start the stand-in", e);
    }
  }
}
