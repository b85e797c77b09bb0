package dev.herald.it.hardening.bodies;

/**
 * Configured (entity {@code locals}); one method with 130 long locals and a few int locals: 269
 * slots. An int sits in slot 255, the last a one-byte index reaches, and more locals above it, so
 * that moving the locals up by one slot needs {@code wide} loads, stores and {@code iinc}. The
 * result is an order-sensitive hash of every local, {@code h = h * 31 + (seed + i)} for i from 0 to
 * 129, then plus the two counters, so a local read from a wrong slot changes it.
 *
 * <p>Generated once (the declarations and the hash are regular); keep the slot layout if edited:
 * {@code javap -c -l} lists it.
 */
public class ManyLocalsService {

  public long update(long seed) {
    int base = (int) seed;
    long v000 = seed + 0, v001 = seed + 1, v002 = seed + 2, v003 = seed + 3, v004 = seed + 4;
    long v005 = seed + 5, v006 = seed + 6, v007 = seed + 7, v008 = seed + 8, v009 = seed + 9;
    long v010 = seed + 10, v011 = seed + 11, v012 = seed + 12, v013 = seed + 13, v014 = seed + 14;
    long v015 = seed + 15, v016 = seed + 16, v017 = seed + 17, v018 = seed + 18, v019 = seed + 19;
    long v020 = seed + 20, v021 = seed + 21, v022 = seed + 22, v023 = seed + 23, v024 = seed + 24;
    long v025 = seed + 25, v026 = seed + 26, v027 = seed + 27, v028 = seed + 28, v029 = seed + 29;
    long v030 = seed + 30, v031 = seed + 31, v032 = seed + 32, v033 = seed + 33, v034 = seed + 34;
    long v035 = seed + 35, v036 = seed + 36, v037 = seed + 37, v038 = seed + 38, v039 = seed + 39;
    long v040 = seed + 40, v041 = seed + 41, v042 = seed + 42, v043 = seed + 43, v044 = seed + 44;
    long v045 = seed + 45, v046 = seed + 46, v047 = seed + 47, v048 = seed + 48, v049 = seed + 49;
    long v050 = seed + 50, v051 = seed + 51, v052 = seed + 52, v053 = seed + 53, v054 = seed + 54;
    long v055 = seed + 55, v056 = seed + 56, v057 = seed + 57, v058 = seed + 58, v059 = seed + 59;
    long v060 = seed + 60, v061 = seed + 61, v062 = seed + 62, v063 = seed + 63, v064 = seed + 64;
    long v065 = seed + 65, v066 = seed + 66, v067 = seed + 67, v068 = seed + 68, v069 = seed + 69;
    long v070 = seed + 70, v071 = seed + 71, v072 = seed + 72, v073 = seed + 73, v074 = seed + 74;
    long v075 = seed + 75, v076 = seed + 76, v077 = seed + 77, v078 = seed + 78, v079 = seed + 79;
    long v080 = seed + 80, v081 = seed + 81, v082 = seed + 82, v083 = seed + 83, v084 = seed + 84;
    long v085 = seed + 85, v086 = seed + 86, v087 = seed + 87, v088 = seed + 88, v089 = seed + 89;
    long v090 = seed + 90, v091 = seed + 91, v092 = seed + 92, v093 = seed + 93, v094 = seed + 94;
    long v095 = seed + 95, v096 = seed + 96, v097 = seed + 97, v098 = seed + 98, v099 = seed + 99;
    long v100 = seed + 100, v101 = seed + 101, v102 = seed + 102, v103 = seed + 103, v104 = seed + 104;
    long v105 = seed + 105, v106 = seed + 106, v107 = seed + 107, v108 = seed + 108, v109 = seed + 109;
    long v110 = seed + 110, v111 = seed + 111, v112 = seed + 112, v113 = seed + 113, v114 = seed + 114;
    long v115 = seed + 115, v116 = seed + 116, v117 = seed + 117, v118 = seed + 118, v119 = seed + 119;
    long v120 = seed + 120, v121 = seed + 121, v122 = seed + 122, v123 = seed + 123, v124 = seed + 124;
    int low = base;
    int edge = base;
    long v125 = seed + 125, v126 = seed + 126, v127 = seed + 127, v128 = seed + 128, v129 = seed + 129;
    int top = 0;
    for (int i = 0; i < 3; i++) {
      low += 1;
      edge += 1;
      top += 1000;
    }
    long h = 0;
    h = h * 31 + v000; h = h * 31 + v001; h = h * 31 + v002; h = h * 31 + v003; h = h * 31 + v004;
    h = h * 31 + v005; h = h * 31 + v006; h = h * 31 + v007; h = h * 31 + v008; h = h * 31 + v009;
    h = h * 31 + v010; h = h * 31 + v011; h = h * 31 + v012; h = h * 31 + v013; h = h * 31 + v014;
    h = h * 31 + v015; h = h * 31 + v016; h = h * 31 + v017; h = h * 31 + v018; h = h * 31 + v019;
    h = h * 31 + v020; h = h * 31 + v021; h = h * 31 + v022; h = h * 31 + v023; h = h * 31 + v024;
    h = h * 31 + v025; h = h * 31 + v026; h = h * 31 + v027; h = h * 31 + v028; h = h * 31 + v029;
    h = h * 31 + v030; h = h * 31 + v031; h = h * 31 + v032; h = h * 31 + v033; h = h * 31 + v034;
    h = h * 31 + v035; h = h * 31 + v036; h = h * 31 + v037; h = h * 31 + v038; h = h * 31 + v039;
    h = h * 31 + v040; h = h * 31 + v041; h = h * 31 + v042; h = h * 31 + v043; h = h * 31 + v044;
    h = h * 31 + v045; h = h * 31 + v046; h = h * 31 + v047; h = h * 31 + v048; h = h * 31 + v049;
    h = h * 31 + v050; h = h * 31 + v051; h = h * 31 + v052; h = h * 31 + v053; h = h * 31 + v054;
    h = h * 31 + v055; h = h * 31 + v056; h = h * 31 + v057; h = h * 31 + v058; h = h * 31 + v059;
    h = h * 31 + v060; h = h * 31 + v061; h = h * 31 + v062; h = h * 31 + v063; h = h * 31 + v064;
    h = h * 31 + v065; h = h * 31 + v066; h = h * 31 + v067; h = h * 31 + v068; h = h * 31 + v069;
    h = h * 31 + v070; h = h * 31 + v071; h = h * 31 + v072; h = h * 31 + v073; h = h * 31 + v074;
    h = h * 31 + v075; h = h * 31 + v076; h = h * 31 + v077; h = h * 31 + v078; h = h * 31 + v079;
    h = h * 31 + v080; h = h * 31 + v081; h = h * 31 + v082; h = h * 31 + v083; h = h * 31 + v084;
    h = h * 31 + v085; h = h * 31 + v086; h = h * 31 + v087; h = h * 31 + v088; h = h * 31 + v089;
    h = h * 31 + v090; h = h * 31 + v091; h = h * 31 + v092; h = h * 31 + v093; h = h * 31 + v094;
    h = h * 31 + v095; h = h * 31 + v096; h = h * 31 + v097; h = h * 31 + v098; h = h * 31 + v099;
    h = h * 31 + v100; h = h * 31 + v101; h = h * 31 + v102; h = h * 31 + v103; h = h * 31 + v104;
    h = h * 31 + v105; h = h * 31 + v106; h = h * 31 + v107; h = h * 31 + v108; h = h * 31 + v109;
    h = h * 31 + v110; h = h * 31 + v111; h = h * 31 + v112; h = h * 31 + v113; h = h * 31 + v114;
    h = h * 31 + v115; h = h * 31 + v116; h = h * 31 + v117; h = h * 31 + v118; h = h * 31 + v119;
    h = h * 31 + v120; h = h * 31 + v121; h = h * 31 + v122; h = h * 31 + v123; h = h * 31 + v124;
    h = h * 31 + v125; h = h * 31 + v126; h = h * 31 + v127; h = h * 31 + v128; h = h * 31 + v129;
    return h + low + edge + top;
  }
}
