package javax.shapes;

/**
 * A service of a library that lives in a {@code javax} package outside the JDK (as
 * {@code javax.persistence} or {@code javax.servlet} do): configured, it is instrumented like any
 * application class.
 */
public class VendorService {

  public String create(String id) {
    return id;
  }
}
