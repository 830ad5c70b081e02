"""How fast this machine is running right now, for reading one benchmark run against another."""

import time


def machine_speed():
    """Milliseconds a fixed pure-Python loop (a million additions) takes here, best of five: the same code runs
    at different speeds on the same virtual machine from one hour to the next, so each run says how fast it was."""
    timings = []
    for _ in range(5):
        started, total = time.perf_counter(), 0
        for number in range(1_000_000):
            total += number
        timings.append((time.perf_counter() - started) * 1000)
    return min(timings)
