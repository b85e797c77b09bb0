#!/usr/bin/env python3
"""CPU work of a whole process up to a line of its output: instructions and CPU time, all threads.

Start-up wall time on a shared 2-vCPU machine moves by a third between runs; the instructions a
process executes before its first line move by a few percent, so they tell two builds apart where
medians of wall time cannot. The process is killed once the line appears (nothing after it counts).
Cases given as NAME=ARGS run in rounds, each once per round, like the start-up benchmark.

usage (from the demo's folder, examples/demo-app/target/demo):
  benchmarks/scripts/instructions-to-first-line.py RUNS MARKER NAME='JAVA ARGS' [NAME='JAVA ARGS' ...]
e.g.
  ../../../../benchmarks/scripts/instructions-to-first-line.py 5 '==' \\
      none='-Dshop.pace=0 -jar shop.jar' \\
      herald='-javaagent:../../../../agent/target/herald-agent.jar=herald.yaml -Dshop.pace=0 -jar shop.jar'

Needs Linux and perf (perf stat counts the java process and every thread it starts).
"""
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(args, marker):
    """(wall ms to the marker, instructions, CPU ms) of one process, or None if it never printed it."""
    with tempfile.NamedTemporaryFile(suffix='.txt') as counts:
        perf = subprocess.Popen(
            ['perf', 'stat', '-x,', '-o', counts.name, '-e', 'instructions:u,task-clock', 'java'] + args,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        started = time.monotonic()
        seen = None
        for line in perf.stdout:
            if marker in line:
                seen = (time.monotonic() - started) * 1000
                break
        for child in subprocess.run(['pgrep', '-P', str(perf.pid)], capture_output=True,
                                    text=True).stdout.split():
            try:
                os.kill(int(child), signal.SIGKILL)
            except ProcessLookupError:
                pass  # it ended on its own meanwhile
        perf.wait()
        values = {}
        for row in open(counts.name):
            fields = row.strip().split(',')
            if len(fields) > 2 and fields[0].replace('.', '').isdigit():
                values[fields[2].split(':')[0]] = float(fields[0])
    if seen is None:
        return None
    return seen, values.get('instructions', 0.0), values.get('task-clock', 0.0)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, marker = int(sys.argv[1]), sys.argv[2]
    cases = [arg.split('=', 1) for arg in sys.argv[3:]]
    results = {name: [] for name, _ in cases}
    for _ in range(runs):
        for name, args in cases:
            result = run_once(shlex.split(args), marker)
            if result is None:
                sys.exit(f"{name}: the process ended without printing {marker!r}")
            results[name].append(result)
    for name, _ in cases:
        walls, instructions, cpus = zip(*results[name])
        print(f"{name:>12}: median of {runs}: first line {statistics.median(walls):6.0f} ms, "
              f"instructions {statistics.median(instructions) / 1e6:7.0f} M, "
              f"CPU {statistics.median(cpus):6.0f} ms   "
              f"(instructions each run: {', '.join(f'{i / 1e6:.0f}' for i in instructions)} M)")


if __name__ == '__main__':
    main()
