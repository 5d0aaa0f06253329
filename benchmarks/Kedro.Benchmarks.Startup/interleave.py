"""Times whole processes, the variants taking turns: python3 interleave.py ROUNDS NAME=COMMAND ...

Each round runs every command once, in a new order each round, so that a busy machine slows every variant alike.
Prints, for each command, the median and the lowest wall time and the median CPU time (user + system) of the process.
"""
import os
import random
import shlex
import statistics
import subprocess
import sys
import time

rounds = int(sys.argv[1])
variants = [arg.split("=", 1) for arg in sys.argv[2:]]
wall = {name: [] for name, _ in variants}
cpu = {name: [] for name, _ in variants}
for _ in range(rounds):
    random.shuffle(variants)
    for name, command in variants:
        start = time.perf_counter()
        child = subprocess.Popen(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        wall[name].append(time.perf_counter() - start)
        cpu[name].append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"'{command}' failed with exit code {os.waitstatus_to_exitcode(status)}")
print("| variant | wall, median | wall, lowest | CPU (user + system), median |")
print("|---|---|---|---|")
for name in sorted(wall):
    print(f"| {name} | {statistics.median(wall[name]) * 1000:.0f} ms | {min(wall[name]) * 1000:.0f} ms "
          f"| {statistics.median(cpu[name]) * 1000:.0f} ms |")
