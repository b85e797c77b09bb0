package dev.herald.it.hardening.bodies;

/**
 * Configured (entity {@code prim}); one method per return type: each primitive, void and arrays.
 * The woven code sees the value on the operand stack at each return and must box it as the type it
 * is (a {@code byte} as a Byte, a {@code char} as a Character) without changing what is returned.
 */
public class PrimitiveService {

  private int calls;

  public boolean asBoolean(int x) {
    return x % 2 == 0;
  }

  public byte asByte(int x) {
    return (byte) x;
  }

  public char asChar(int x) {
    return (char) ('a' + x);
  }

  public short asShort(int x) {
    return (short) (x * 1000);
  }

  public int asInt(int x) {
    return x * x;
  }

  public long asLong(int x) {
    return (long) x << 33;
  }

  public float asFloat(int x) {
    return x / 4.0f;
  }

  public double asDouble(int x) {
    return x / 8.0;
  }

  public void asVoid(int x) {
    calls += x;
  }

  public int[] asInts(int x) {
    return new int[] {x, x + 1};
  }

  public String[] asStrings(String a, String b) {
    return new String[] {b, a};
  }

  public long[][] asGrid(long x) {
    return new long[][] {{x}, {x + 1, x + 2}};
  }

  public int calls() {
    return calls;
  }
}
