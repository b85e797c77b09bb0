package dev.herald.agent.instrument;

import java.util.function.IntSupplier;

/**
 * Method bodies that a weaver that moves locals and wraps bodies can get wrong; woven by {@link
 * WriteWeaverTest}, loaded in a class loader of their own (so the JVM verifies them) and called.
 * Every method name is mapped by the test's entry, so each non-private method is woven.
 */
public class WeaverFixture {

  private int balance;

  public WeaverFixture() {
    balance = 1;
  }

  /** The first instruction is the target of the loop's back edge. */
  public static int countDown(int n) {
    do {
      n--;
    } while (n > 0);
    return n;
  }

  public int loopFirst(int n) {
    do {
      n -= 2;
      balance++;
    } while (n > 0);
    return n + balance;
  }

  /** 140 longs: 281 slots, so that loads and stores past 255 need WIDE once moved up one slot. */
  public static long manyLocals(long v0) {
    long v1 = v0 + 1;
    long v2 = v1 + 2;
    long v3 = v2 + 3;
    long v4 = v3 + 4;
    long v5 = v4 + 5;
    long v6 = v5 + 6;
    long v7 = v6 + 7;
    long v8 = v7 + 8;
    long v9 = v8 + 9;
    long v10 = v9 + 10;
    long v11 = v10 + 11;
    long v12 = v11 + 12;
    long v13 = v12 + 13;
    long v14 = v13 + 14;
    long v15 = v14 + 15;
    long v16 = v15 + 16;
    long v17 = v16 + 17;
    long v18 = v17 + 18;
    long v19 = v18 + 19;
    long v20 = v19 + 20;
    long v21 = v20 + 21;
    long v22 = v21 + 22;
    long v23 = v22 + 23;
    long v24 = v23 + 24;
    long v25 = v24 + 25;
    long v26 = v25 + 26;
    long v27 = v26 + 27;
    long v28 = v27 + 28;
    long v29 = v28 + 29;
    long v30 = v29 + 30;
    long v31 = v30 + 31;
    long v32 = v31 + 32;
    long v33 = v32 + 33;
    long v34 = v33 + 34;
    long v35 = v34 + 35;
    long v36 = v35 + 36;
    long v37 = v36 + 37;
    long v38 = v37 + 38;
    long v39 = v38 + 39;
    long v40 = v39 + 40;
    long v41 = v40 + 41;
    long v42 = v41 + 42;
    long v43 = v42 + 43;
    long v44 = v43 + 44;
    long v45 = v44 + 45;
    long v46 = v45 + 46;
    long v47 = v46 + 47;
    long v48 = v47 + 48;
    long v49 = v48 + 49;
    long v50 = v49 + 50;
    long v51 = v50 + 51;
    long v52 = v51 + 52;
    long v53 = v52 + 53;
    long v54 = v53 + 54;
    long v55 = v54 + 55;
    long v56 = v55 + 56;
    long v57 = v56 + 57;
    long v58 = v57 + 58;
    long v59 = v58 + 59;
    long v60 = v59 + 60;
    long v61 = v60 + 61;
    long v62 = v61 + 62;
    long v63 = v62 + 63;
    long v64 = v63 + 64;
    long v65 = v64 + 65;
    long v66 = v65 + 66;
    long v67 = v66 + 67;
    long v68 = v67 + 68;
    long v69 = v68 + 69;
    long v70 = v69 + 70;
    long v71 = v70 + 71;
    long v72 = v71 + 72;
    long v73 = v72 + 73;
    long v74 = v73 + 74;
    long v75 = v74 + 75;
    long v76 = v75 + 76;
    long v77 = v76 + 77;
    long v78 = v77 + 78;
    long v79 = v78 + 79;
    long v80 = v79 + 80;
    long v81 = v80 + 81;
    long v82 = v81 + 82;
    long v83 = v82 + 83;
    long v84 = v83 + 84;
    long v85 = v84 + 85;
    long v86 = v85 + 86;
    long v87 = v86 + 87;
    long v88 = v87 + 88;
    long v89 = v88 + 89;
    long v90 = v89 + 90;
    long v91 = v90 + 91;
    long v92 = v91 + 92;
    long v93 = v92 + 93;
    long v94 = v93 + 94;
    long v95 = v94 + 95;
    long v96 = v95 + 96;
    long v97 = v96 + 97;
    long v98 = v97 + 98;
    long v99 = v98 + 99;
    long v100 = v99 + 100;
    long v101 = v100 + 101;
    long v102 = v101 + 102;
    long v103 = v102 + 103;
    long v104 = v103 + 104;
    long v105 = v104 + 105;
    long v106 = v105 + 106;
    long v107 = v106 + 107;
    long v108 = v107 + 108;
    long v109 = v108 + 109;
    long v110 = v109 + 110;
    long v111 = v110 + 111;
    long v112 = v111 + 112;
    long v113 = v112 + 113;
    long v114 = v113 + 114;
    long v115 = v114 + 115;
    long v116 = v115 + 116;
    long v117 = v116 + 117;
    long v118 = v117 + 118;
    long v119 = v118 + 119;
    long v120 = v119 + 120;
    long v121 = v120 + 121;
    long v122 = v121 + 122;
    long v123 = v122 + 123;
    long v124 = v123 + 124;
    long v125 = v124 + 125;
    long v126 = v125 + 126;
    long v127 = v126 + 127;
    long v128 = v127 + 128;
    long v129 = v128 + 129;
    long v130 = v129 + 130;
    long v131 = v130 + 131;
    long v132 = v131 + 132;
    long v133 = v132 + 133;
    long v134 = v133 + 134;
    long v135 = v134 + 135;
    long v136 = v135 + 136;
    long v137 = v136 + 137;
    long v138 = v137 + 138;
    long v139 = v138 + 139;
    return v139 + v0;
  }

  /** Wide parameters last and first, then wide locals right after them. */
  public static double wide(double a, int b, long c) {
    long d = c * 2;
    double e = a + d;
    return e + b;
  }

  public String finallyReturns(int path) {
    try {
      if (path == 0) {
        return "try";
      }
      if (path == 1) {
        throw new IllegalStateException("one");
      }
    } catch (IllegalStateException e) {
      return "catch:" + e.getMessage();
    } finally {
      balance++;
      if (path == 2) {
        return "finally";
      }
    }
    return "after";
  }

  public static String switches(int key, String word) {
    switch (key) {
      case 0:
        return "zero";
      case 1:
        return "one";
      case 2:
        return "two";
      default:
        break;
    }
    switch (word) {
      case "alpha":
        return "a";
      case "omega":
        return "o";
      default:
        return "?";
    }
  }

  public void earlyReturn(int[] box) {
    if (box.length == 0) {
      return;
    }
    for (int i = 0; i < box.length; i++) {
      if (box[i] < 0) {
        return;
      }
      box[i]++;
    }
  }

  public int locked(Object lock, boolean fail) {
    synchronized (lock) {
      if (fail) {
        throw new IllegalArgumentException("refused");
      }
      return ++balance;
    }
  }

  public static int lambdas(int base) {
    IntSupplier supplier = () -> base * 3;
    return supplier.getAsInt() + 1;
  }

  public void alwaysThrows(String why) {
    throw new UnsupportedOperationException(why);
  }

  public boolean flag(boolean in) {
    return !in;
  }

  public byte oneByte(byte in) {
    return (byte) (in + 1);
  }

  public char letter(char in) {
    return Character.toUpperCase(in);
  }

  public short small(short in) {
    return (short) (in * 2);
  }

  public float real(float in) {
    return in / 2;
  }

  public long big(long in) {
    return in * 1_000_000_000L;
  }

  public int[] array(int size) {
    return new int[size];
  }

  /** Recursion: each level is a call of its own for the weaver; the dispatcher decides what emits. */
  public int depth(int n) {
    return n == 0 ? 0 : 1 + depth(n - 1);
  }

  private int hidden() {
    return balance;
  }

  public int callsHidden() {
    return hidden();
  }
}
