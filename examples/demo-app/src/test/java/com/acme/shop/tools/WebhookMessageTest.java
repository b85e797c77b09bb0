package com.acme.shop.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookMessageTest {

  @Test
  void showsAMessageAsTheChannelWould() {
    WebhookMessage message = WebhookMessage.parse("{\"channel\":\"#sales\",\"text\":\"New order: 7 - 30.00\"}");

    assertThat(message.display()).isEqualTo("#sales  | New order: 7 - 30.00");
  }

  @Test
  void readsEscapesAndIgnoresOtherFields() {
    WebhookMessage message = WebhookMessage.parse("""
        { "username": "herald", "blocks": [ {"type": "section", "n": -1.5e2}, null, true ],
          "text": "caf\\u00e9 \\"quoted\\"\\tand\\\\more", "channel": "#alerts" }""");

    assertThat(message.channel()).isEqualTo("#alerts");
    assertThat(message.text()).isEqualTo("café \"quoted\"\tand\\more");
  }

  @Test
  void linesUpTheLinesOfAMultiLineText() {
    WebhookMessage message = new WebhookMessage("#alerts", "first\nsecond");

    assertThat(message.display()).isEqualTo("#alerts | first\n        | second");
  }

  @Test
  void namesTheDefaultChannelWhenThePayloadHasNone() {
    assertThat(WebhookMessage.parse("{\"text\":\"hi\"}").display()).isEqualTo("(default)| hi");
  }

  @Test
  void refusesWhatIsNotOneJsonObject() {
    assertThatThrownBy(() -> WebhookMessage.parse("[1]")).hasMessageContaining("expected an object");
    assertThatThrownBy(() -> WebhookMessage.parse("{\"text\":\"a\"} x")).hasMessageContaining("end of the document");
    assertThatThrownBy(() -> WebhookMessage.parse("{\"text\":\"a}")).hasMessageContaining("unexpected end");
    assertThatThrownBy(() -> WebhookMessage.parse("{\"text\":3}")).hasMessage("text is not a string");
  }
}
