package dev.herald.it.hardening.bodies;

/**
 * Configured (entity {@code wide}); long and double parameters in the last position, followed by
 * long and double locals, and methods whose parameters are all wide. Moving the locals by one
 * slot must move both halves of each wide value and not touch the parameters.
 */
public class WideService {

  public double update(String label, int count, long last) {
    long twice = last * 2;
    double half = last / 2.0;
    long sum = twice + count;
    double scaled = sum * 1.5;
    return scaled + half + label.length();
  }

  public double create(double a, long b) {
    long product = (long) a * b;
    double ratio = a / b;
    return product + ratio;
  }

  public static double upsert(long a, double b, long c, double d) {
    double first = a + b;
    long second = c * 2;
    double third = first * second;
    return third + d;
  }
}
