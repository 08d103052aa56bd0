"""What the machine spends while a classroom works: memory and CPU of every part of the hub.

Used by :func:`hubload.scenario.run_round` (``make load`` and the hub's load test).
"""

from __future__ import annotations

import threading
import time

import psutil
from classroom import Hub, home_of

__all__ = ["Sampler"]


class Sampler(threading.Thread):
    """Samples the memory and CPU of the hub, the proxy and the participants' processes.

    It also notes the CPU the whole machine used, to tell how much other work (not the
    classroom's) competed for the cores during the round: on a shared machine, times grow
    with it. Memory is PSS (proportional set size: a page shared by k processes counts 1/k in each,
    so the sum is what the processes really take); CPU is user + system time. Every process
    seen is remembered, so a kernel that ends still counts for the CPU it used.
    """

    def __init__(self, hub: Hub, users: list[str], interval: float = 0.5):
        super().__init__(daemon=True)
        self.hub, self.interval = hub, interval
        self.uids = {home_of(u).stat().st_uid for u in users}
        self.cpu: dict[tuple[int, float], float] = {}
        self.samples: list[tuple[float, float, float, float, float]] = []  # t, cpu, pss...
        self.marks: dict[str, tuple[float, float]] = {}
        self.machine: dict[str, float] = {}  # CPU the whole machine had used, at each mark
        self._stop_event = threading.Event()
        self._lock = threading.Lock()

    def _ours(self, proc: psutil.Process) -> bool:
        if proc.info["uids"] and proc.info["uids"].real in self.uids:
            return True
        own = {p.pid for p in (self.hub.hub_proc, self.hub.proxy_proc) if p is not None}
        return proc.pid in own

    def sample(self) -> None:
        """Add one sample: CPU used so far and memory now, of every process that counts."""
        pss = {"hub": 0.0, "server": 0.0, "kernel": 0.0}
        for proc in psutil.process_iter(["uids", "cmdline", "create_time"]):
            try:
                if not self._ours(proc):
                    continue
                mem = proc.memory_full_info()
                times = proc.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            cmd = " ".join(proc.info["cmdline"] or [])
            part = (
                "kernel"
                if "ipykernel" in cmd
                else "server"
                if proc.info["uids"].real in self.uids
                else "hub"
            )
            pss[part] += mem.pss / 2**20
            with self._lock:
                self.cpu[(proc.pid, proc.info["create_time"])] = times.user + times.system
        with self._lock:
            total = sum(self.cpu.values())
            self.samples.append((time.monotonic(), total, pss["hub"], pss["server"], pss["kernel"]))

    def mark(self, name: str) -> None:
        """Remember the time and the CPU used so far, to measure a phase from here."""
        self.sample()
        self.marks[name] = self.samples[-1][:2]
        whole = psutil.cpu_times()
        self.machine[name] = sum(whole) - whole.idle - getattr(whole, "iowait", 0.0)

    def run(self) -> None:
        """Sample every ``interval`` seconds until stopped."""
        while not self._stop_event.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        """Stop sampling (after one last sample)."""
        self._stop_event.set()
        self.join(timeout=30)
        self.sample()

    def cpu_between(self, start: str, end: str) -> float:
        """Core-seconds spent between two marks."""
        return self.marks[end][1] - self.marks[start][1]

    def usage(self) -> dict[str, float]:
        """Peak memory (MB, PSS, and its parts), CPU per phase and the busiest 2 s (cores)."""
        peak = max(self.samples, key=lambda s: s[2] + s[3] + s[4])
        busiest = 0.0
        for i, (t, cpu, *_) in enumerate(self.samples):
            j = i
            while j > 0 and t - self.samples[j][0] < 2.0:
                j -= 1
            if t - self.samples[j][0] >= 1.0:
                busiest = max(busiest, (cpu - self.samples[j][1]) / (t - self.samples[j][0]))
        return {
            "peak_memory_mb": peak[2] + peak[3] + peak[4],
            "hub_proxy_mb": peak[2],
            "servers_mb": peak[3],
            "kernels_mb": peak[4],
            "cpu_start_s": self.cpu_between("start", "lesson"),
            "cpu_lesson_s": self.cpu_between("lesson", "end"),
            "peak_cores": busiest,
            "other_cores": max(
                0.0, self.machine["end"] - self.machine["start"] - self.cpu_between("start", "end")
            )
            / (self.marks["end"][0] - self.marks["start"][0]),
        }
