package dev.herald.it.hardening.bodies;

import java.util.List;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * Configured (entity {@code lambda}); a write method that makes lambdas (capturing a local and
 * {@code this}) and an anonymous class, and calls them. Their bodies live in other methods (a
 * private synthetic method, another class) that are never instrumented, so the call emits once.
 */
public class LambdaService {

  private final String prefix;

  public LambdaService(String prefix) {
    this.prefix = prefix;
  }

  public String create(List<Integer> values, int offset) {
    IntUnaryOperator shift = v -> v + offset;
    IntBinaryOperator sum = new IntBinaryOperator() {
      @Override
      public int applyAsInt(int left, int right) {
        return left + right;
      }
    };
    Supplier<String> label = () -> prefix + values.size();
    int total = 0;
    for (int value : values) {
      total = sum.applyAsInt(total, shift.applyAsInt(value));
    }
    return label.get() + "=" + total;
  }
}
