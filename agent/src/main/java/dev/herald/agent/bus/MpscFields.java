package dev.herald.agent.bus;

/**
 * The index fields of {@link MpscEventQueue}, each on cache lines of its own: the JVM lays out a
 * superclass's fields before its subclass's, so the padding classes keep the consumer's index,
 * the publishers' index and the read-only fields apart (128 bytes, for adjacent-line prefetch).
 */
abstract class MpscFields {

  abstract static class Pad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
  }

  /** Written by the consumer only. */
  abstract static class Consumer extends Pad0 {
    volatile long consumerIndex;
  }

  abstract static class Pad1 extends Consumer {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35;
  }

  /** Written by publishers. */
  abstract static class Producer extends Pad1 {
    volatile long producerIndex;
    /** Below this index a publisher need not read the consumer's: a slot is free. */
    volatile long producerLimit;
  }

  abstract static class Pad2 extends Producer {
    long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55;
  }

  private MpscFields() {}
}
