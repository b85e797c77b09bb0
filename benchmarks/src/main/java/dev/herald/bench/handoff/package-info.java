/** What the cross-thread hand-off alone costs a caller, without Herald: see {@link dev.herald.bench.handoff.HandOff}. */
package dev.herald.bench.handoff;
