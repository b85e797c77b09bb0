package dev.herald.it.shapes;

import dev.herald.api.Herald;
import dev.herald.api.Subscription;
import java.util.List;

/**
 * A web application's own listener: loaded by {@link LoadingScenarios#undeploySubscriber}'s loader,
 * it subscribes from that loader's code, as a servlet's {@code init} would.
 */
public final class WebAppListener {

  private WebAppListener() {}

  public static Subscription listen(List<String> seen) {
    return Herald.bus().on("ledger.*.*", event -> seen.add(event.name()));
  }
}
