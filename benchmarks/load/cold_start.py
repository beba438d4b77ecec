#!/usr/bin/env python3
"""Process start to first 200 response, for commands given as JSON: median of N, runs interleaved.

usage: cold_start.py RUNS LABEL1 PORT1 'json argv' 'json env' [LABEL2 PORT2 ...]
The first request is sent as soon as the process is spawned and retried every 2 ms. Besides wall
time, the process's CPU time (user + system, from /proc/<pid>/stat) at the first response; the order
of the targets rotates each round, and with two targets the paired differences are printed too.
"""
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def first_response(port, process, limit=30.0):
    start = time.monotonic()
    request = b"GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
    while time.monotonic() - start < limit:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(request)
                data = s.recv(64)
                if data.startswith(b"HTTP/1.1 200"):
                    return
                if data:
                    raise RuntimeError(f"answered {data[:40]!r}")
        except (ConnectionRefusedError, ConnectionResetError):
            pass
        time.sleep(0.002)
    raise RuntimeError("no answer in time")


def cpu_millis(pid):
    """User + system CPU time of a process so far, in ms; -1 where /proc is not available."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return -1


def measure(argv, env, port):
    full_env = dict(os.environ)
    full_env.update(env)
    full_env["PORT"] = str(port)
    start = time.monotonic()
    process = subprocess.Popen(argv, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        first_response(port, process)
        return (time.monotonic() - start) * 1000, cpu_millis(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main():
    runs = int(sys.argv[1])
    targets = []
    rest = sys.argv[2:]
    while rest:
        label, port, argv, env = rest[:4]
        targets.append((label, int(port), json.loads(argv), json.loads(env)))
        rest = rest[4:]
    for label, port, argv, env in targets:  # one discarded run each: file cache, JIT-free warm disk
        measure(argv, env, port)
    results = {label: [] for label, *_ in targets}
    for round_ in range(runs):
        for i in range(len(targets)):  # the first target of a round rotates
            label, port, argv, env = targets[(round_ + i) % len(targets)]
            results[label].append(measure(argv, env, port))
    for label, values in results.items():
        walls = [w for w, _ in values]
        cpus = [c for _, c in values]
        runs_text = " ".join(f"{v:.0f}" for v in walls)
        print(f"  {label:<34} median {statistics.median(walls):5.0f} ms   runs: {runs_text}")
        print(f"  {'':<34} median {statistics.median(cpus):5.0f} ms CPU at the first response")
    if len(targets) == 2:
        a, b = (results[label] for label, *_ in targets)
        wall = statistics.median(x[0] - y[0] for x, y in zip(a, b))
        cpu = statistics.median(x[1] - y[1] for x, y in zip(a, b))
        print(f"  paired difference ({targets[0][0]} - {targets[1][0]}), median:"
              f" {wall:+.0f} ms wall, {cpu:+.0f} ms CPU")

if __name__ == "__main__":
    main()
