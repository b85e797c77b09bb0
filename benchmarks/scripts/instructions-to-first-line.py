#!/usr/bin/env python3
"""CPU work of a whole process up to a line of its output: instructions and CPU time, all threads.

Start-up wall time on a shared 2-vCPU machine moves by a third between runs; the instructions a
process executes before its first line move by a few percent, so they tell two builds apart where
medians of wall time cannot. The process is killed once the line appears (nothing after it counts).
Cases given as NAME=ARGS run in rounds, each once per round, like the start-up benchmark.

With --threads, also the CPU time of each thread when the line appeared (from /proc; numbered
names merged: herald-delivery-1 and -2 as herald-delivery-N). Whole-process counts mix the
application's main thread with the JIT compiler's threads, which vary by hundreds of milliseconds
between runs of one build; the main thread's own CPU time is what the application waits for. A
process that ends right after its line may be gone before its threads are read.

usage (from the demo's folder, examples/demo-app/target/demo):
  benchmarks/scripts/instructions-to-first-line.py [--threads] RUNS MARKER NAME='JAVA ARGS' [...]
e.g.
  ../../../../benchmarks/scripts/instructions-to-first-line.py 5 '==' \\
      none='-Dshop.pace=0 -jar shop.jar' \\
      herald='-javaagent:../../../../agent/target/herald-agent.jar=herald.yaml -Dshop.pace=0 -jar shop.jar'
or, from the repository's root, the Spring Boot application of the integration tests (its test
config in herald.yaml), by thread:
  benchmarks/scripts/instructions-to-first-line.py --threads 5 'Started BootApp' \\
      none='-jar integration-tests/spring-boot-app/target/spring-boot-app.jar' \\
      herald='-javaagent:agent/target/herald-agent.jar=herald.yaml -jar integration-tests/spring-boot-app/target/spring-boot-app.jar'

Needs Linux and perf (perf stat counts the java process and every thread it starts).
"""
import collections
import os
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time


TICKS = os.sysconf('SC_CLK_TCK')


def run_once(args, marker):
    """(wall ms to the marker, instructions, CPU ms, {thread: CPU ms}) of one process, or None if
    it never printed the marker."""
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
        threads = collections.Counter()
        for child in subprocess.run(['pgrep', '-P', str(perf.pid)], capture_output=True,
                                    text=True).stdout.split():
            threads += threads_cpu(int(child))
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
    return seen, values.get('instructions', 0.0), values.get('task-clock', 0.0), threads


def threads_cpu(pid):
    """{thread name, digits as N: CPU ms} of a running process."""
    cpu = collections.Counter()
    try:
        tids = os.listdir(f'/proc/{pid}/task')
    except OSError:
        return cpu
    for tid in tids:
        try:
            with open(f'/proc/{pid}/task/{tid}/stat') as stat:
                text = stat.read()
        except OSError:
            continue  # the thread ended meanwhile
        name = re.sub(r'\d+', 'N', text[text.index('(') + 1:text.rindex(')')])
        fields = text[text.rindex(')') + 2:].split()
        cpu[name] += (int(fields[11]) + int(fields[12])) * 1000 // TICKS  # utime + stime
    return cpu


def main():
    argv = sys.argv[1:]
    by_thread = bool(argv) and argv[0] == '--threads'
    if by_thread:
        argv = argv[1:]
    if len(argv) < 3:
        sys.exit(__doc__)
    runs, marker = int(argv[0]), argv[1]
    cases = [arg.split('=', 1) for arg in argv[2:]]
    results = {name: [] for name, _ in cases}
    for _ in range(runs):
        for name, args in cases:
            result = run_once(shlex.split(args), marker)
            if result is None:
                sys.exit(f"{name}: the process ended without printing {marker!r}")
            results[name].append(result)
    for name, _ in cases:
        walls, instructions, cpus, threads = zip(*results[name])
        print(f"{name:>12}: median of {runs}: first line {statistics.median(walls):6.0f} ms, "
              f"instructions {statistics.median(instructions) / 1e6:7.0f} M, "
              f"CPU {statistics.median(cpus):6.0f} ms   "
              f"(instructions each run: {', '.join(f'{i / 1e6:.0f}' for i in instructions)} M)")
        if by_thread:
            medians = {thread: statistics.median(run.get(thread, 0) for run in threads)
                       for thread in set().union(*threads)}
            print(' ' * 14 + 'CPU ms by thread: ' + ', '.join(
                f'{thread} {ms:.0f}' for thread, ms in sorted(medians.items(), key=lambda item: -item[1])
                if ms >= 10))


if __name__ == '__main__':
    main()
