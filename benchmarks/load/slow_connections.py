#!/usr/bin/env python3
"""Holds N slowloris connections open against a server on 127.0.0.1 and reports what it saw.

Each connection sends a request line and one header's start, then one more byte every
--trickle seconds, never finishing its headers. Halfway through the hold, the server's resident
memory and thread count are read from /proc and one ordinary request is timed; at the end, the
connections the server has closed are counted (the container server cuts headers that take longer
than PORTABLE_HEADER_TIMEOUT_SECONDS, 10 by default). Loopback only.

usage: slow_connections.py PORT PID [--connections 2000] [--hold 15] [--trickle 2]
"""
import argparse
import http.client
import os
import socket
import sys
import time


def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def timed_request(port):
    start = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", "/")
        response = conn.getresponse()
        response.read()
        return response.status, (time.monotonic() - start) * 1000
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("pid", type=int)
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--hold", type=float, default=15.0)
    parser.add_argument("--trickle", type=float, default=2.0)
    args = parser.parse_args()

    rss_idle = status(args.pid, "VmRSS")
    threads_idle = status(args.pid, "Threads")
    sockets = []
    opened = time.monotonic()
    for _ in range(args.connections):
        s = socket.create_connection(("127.0.0.1", args.port), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
        s.setblocking(False)
        sockets.append(s)
    open_seconds = time.monotonic() - opened

    answered = None
    rss_held = threads_held = -1
    next_trickle = time.monotonic() + args.trickle
    deadline = opened + args.hold
    closed_at = {}
    while time.monotonic() < deadline:
        now = time.monotonic()
        if answered is None and now > opened + min(6.0, args.hold / 2):
            rss_held = status(args.pid, "VmRSS")
            threads_held = status(args.pid, "Threads")
            answered = timed_request(args.port)
        if now >= next_trickle:
            for i, s in enumerate(sockets):
                if i in closed_at:
                    continue
                try:
                    s.send(b"a")
                    if s.recv(1) == b"":
                        closed_at[i] = now - opened
                except BlockingIOError:
                    pass
                except OSError:
                    closed_at[i] = now - opened
            next_trickle += args.trickle
        time.sleep(0.05)
    for s in sockets:
        s.close()
    rss_after = status(args.pid, "VmRSS")

    print(f"  slow connections opened:          {args.connections} in {open_seconds:.1f} s, each sending a"
          f" header byte every {args.trickle:.0f} s, never ending its headers")
    print(f"  RSS idle -> holding them:         {rss_idle / 1024:.0f} MB -> {rss_held / 1024:.0f} MB"
          f" (+{(rss_held - rss_idle) / 1024:.0f} MB); after: {rss_after / 1024:.0f} MB")
    print(f"  threads idle -> holding them:     {threads_idle} -> {threads_held}")
    if answered:
        print(f"  a request while they were held:   {answered[0]} in {answered[1]:.1f} ms")
    if closed_at:
        times = sorted(closed_at.values())
        print(f"  closed by the server within {args.hold:.0f} s: {len(times)}, after"
              f" {times[0]:.1f} to {times[-1]:.1f} s (seen at the next trickle)")
    else:
        print(f"  closed by the server within {args.hold:.0f} s: 0")
    return 0 if answered and answered[0] == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
