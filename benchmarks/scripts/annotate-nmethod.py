#!/usr/bin/env python3
"""Where the cycles go inside one JIT-compiled method, instruction by instruction.

JMH's perfasm profiler needs an hsdis disassembler that speaks JDK 17's interface; the one Debian
packages (libhsdis0-fcml) does not, so perfasm prints machine code as hex. This script takes the two
files perfasm saves, rebuilds the method's machine code from the hex, disassembles it with objdump,
and puts perf's samples on the instructions: the hottest instructions with the Java source they
were compiled from, then the samples summed by innermost inlined method. Samples land a few
instructions after a stall on AMD under a hypervisor (no precise sampling): read the instructions
just before a hot one too.

usage:
  java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main '^dev.herald.bench.caller.CallerCost.write$' \\
    -f 1 -wi 5 -i 5 -w 1s -r 1s \\
    -prof 'perfasm:savePerf=true;savePerfToFile=/tmp/perf.txt;saveLog=true;saveLogToFile=/tmp/log.txt' \\
    -jvmArgsAppend '-XX:+UseG1GC -Xms2g -Xmx2g -XX:+AlwaysPreTouch -javaagent:... -Dbench.case=HERALD_NOOP'
  benchmarks/scripts/annotate-nmethod.py /tmp/log.txt /tmp/perf.txt COMPILE_ID [MIN_PERCENT]

COMPILE_ID is the "compile id" perfasm prints for a hot region (c2 methods only).
"""
import bisect
import collections
import re
import subprocess
import sys
import tempfile

HEX_LINE = re.compile(r'^\s*(0x[0-9a-f]+): ((?:[0-9a-f]{4}(?: [0-9a-f]{4})?(?: \| )?)+)\s*$')
COMMENT_LINE = re.compile(r'^\s*(0x[0-9a-f]+): (;.*)$')
OBJDUMP_LINE = re.compile(r'\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(.*)')


def read_nmethod(log_path, compile_id):
    """Machine code (address -> byte) and source comments (address -> lines) of one c2 method."""
    lines = open(log_path, errors='replace').read().split('\n')
    start = next((i for i, line in enumerate(lines)
                  if 'Compiled method (c2)' in line and re.search(r'\s%s\s' % compile_id, line)), None)
    if start is None:
        sys.exit(f"no c2 method with compile id {compile_id} in {log_path}")
    code, comments, anchor = {}, collections.defaultdict(list), None
    for line in lines[start + 1:]:
        if 'Compiled method' in line:
            break
        match = HEX_LINE.match(line)
        if match:
            address = int(match.group(1), 16)
            for offset, byte in enumerate(bytes.fromhex(re.sub(r'[ |]', '', match.group(2)))):
                code[address + offset] = byte
            continue
        match = COMMENT_LINE.match(line)
        if match:
            anchor = int(match.group(1), 16)
            comments[anchor].append(match.group(2))
        elif anchor is not None and line.strip().startswith('; -'):
            comments[anchor].append(line.strip())
    return code, comments


def disassemble(code):
    low, high = min(code), max(code) + 1
    with tempfile.NamedTemporaryFile(suffix='.bin') as blob:
        blob.write(bytes(code.get(a, 0x90) for a in range(low, high)))
        blob.flush()
        out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64',
                              '--adjust-vma=%#x' % low, blob.name],
                             capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.split('\n'):
        match = OBJDUMP_LINE.match(line)
        if match:
            rows.append((int(match.group(1), 16), match.group(2)))
    return low, high, rows


def samples(perf_path, low, high):
    counts, total = collections.Counter(), 0
    for line in open(perf_path, errors='replace'):
        fields = line.split()
        if len(fields) >= 3 and fields[1] in ('cycles:', 'cpu-clock:'):
            try:
                address = int(fields[2], 16)
            except ValueError:
                continue
            total += 1
            if low <= address < high:
                counts[address] += 1
    return counts, total


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    log_path, perf_path, compile_id = sys.argv[1:4]
    threshold = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
    code, comments = read_nmethod(log_path, compile_id)
    low, high, rows = disassemble(code)
    counts, total = samples(perf_path, low, high)
    inside = sum(counts.values())
    if not inside:
        sys.exit(f"no samples in {low:#x}-{high:#x}")
    print(f"compile id {compile_id}: {inside} of {total} samples ({100 * inside / total:.1f}%)")
    anchors = sorted(comments)

    def source(address):
        k = bisect.bisect_right(anchors, address) - 1
        return [c for c in comments[anchors[k]] if c.startswith('; -')] if k >= 0 else []

    hot = [(counts[a], i) for i, (a, _) in enumerate(rows) if 100 * counts[a] / inside >= threshold]
    for count, i in sorted(hot, reverse=True):
        address, instruction = rows[i]
        before = ' ; '.join(r[1] for r in rows[max(0, i - 3):i])
        print(f"{100 * count / inside:5.1f}%  +{address - low:#06x}  {instruction:42s} after: {before[:80]}")
        for frame in source(address)[:2]:
            print(f"{'':16s}{frame[:110]}")
    by_method = collections.Counter()
    for address, count in counts.items():
        frames = source(address)
        by_method[frames[0][4:].split('@')[0] if frames else '(no source line)'] += count
    print("-- by innermost inlined method")
    for method, count in by_method.most_common(25):
        print(f"{100 * count / inside:5.1f}%  {method}")


if __name__ == '__main__':
    main()
