#!/usr/bin/env python3
"""CPU time of each thread of a Java process at the moment a line appears in its output (Linux).

Whole-process counts mix the application's main thread with the JIT compiler's threads, which
vary by hundreds of milliseconds between runs of one build; the main thread's own CPU time is
what the application waits for. Threads are read from /proc when the line appears, then the
process is killed. Numbered names are merged (herald-delivery-1 and -2 as herald-delivery-N).
Cases given as NAME=ARGS run in rounds, each once per round; medians are printed.

usage:
  benchmarks/scripts/thread-cpu-to-first-line.py RUNS MARKER NAME='JAVA ARGS' [NAME='JAVA ARGS' ...]
e.g. (the Spring Boot application of the integration tests, with its test config in herald.yaml)
  benchmarks/scripts/thread-cpu-to-first-line.py 3 'Started BootApp' \\
      none='-jar integration-tests/spring-boot-app/target/spring-boot-app.jar' \\
      herald='-javaagent:agent/target/herald-agent.jar=herald.yaml -jar integration-tests/spring-boot-app/target/spring-boot-app.jar'
"""
import collections
import os
import re
import shlex
import statistics
import subprocess
import sys

TICKS = os.sysconf('SC_CLK_TCK')


def run_once(args, marker):
    """{thread name: CPU ms} when the marker appeared, or None if it never did."""
    process = subprocess.Popen(['java'] + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    try:
        for line in process.stdout:
            if marker in line:
                return threads_cpu(process.pid)
        return None
    finally:
        process.kill()
        process.wait()


def threads_cpu(pid):
    cpu = collections.Counter()
    for tid in os.listdir(f'/proc/{pid}/task'):
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
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    runs, marker = int(sys.argv[1]), sys.argv[2]
    cases = [arg.split('=', 1) for arg in sys.argv[3:]]
    results = {name: [] for name, _ in cases}
    for _ in range(runs):
        for name, args in cases:
            cpu = run_once(shlex.split(args), marker)
            if cpu is None:
                sys.exit(f"{name}: the process ended without printing {marker!r}")
            results[name].append(cpu)
    for name, _ in cases:
        names = set().union(*results[name])
        medians = {thread: statistics.median(run.get(thread, 0) for run in results[name]) for thread in names}
        total = statistics.median(sum(run.values()) for run in results[name])
        shown = ', '.join(f'{thread} {ms:.0f}' for thread, ms in
                          sorted(medians.items(), key=lambda item: -item[1]) if ms >= 10)
        print(f"{name:>12}: median of {runs}, CPU ms when {marker!r} appeared: all threads {total:.0f}; {shown}")


if __name__ == '__main__':
    main()
