#!/usr/bin/env python3
"""A lab at full load: N participants press Run All on the same lesson at the same moment.

The instructor says "open lesson 02 and run it", and the whole room does it in the same
minute. This driver plays that on the course's own hub (``jupyterhub_config.py``, real
JupyterHub and configurable-http-proxy, everything on 127.0.0.1): N Linux users sign in and
start their servers together (a barrier), then together open the lesson through the contents
API and execute its own cells in its kernel over the WebSocket, as JupyterLab does; the
notebook is saved with its outputs and each participant makes one change in the governance
builder. Per participant it records the server start time, the time to the first drawn chart
(the first ``image/svg+xml`` output), the time to the end of the lesson, the builder change
and any error; for the machine, the peak memory and the CPU of the hub, the proxy and every
participant's processes.

With ``--faults`` it then breaks things mid-session and checks that nothing is lost: a
student's kernel is killed during a run, the hub is restarted while everyone works, and an
instructor stops one server through the admin API while the others work. This file is the
command line; the work is in the package ``hubload`` beside it (``scenario``, ``faults``,
``sampler``), which the hub tests run with four participants, asserting on what it returns.

    sudo .venv/bin/python deploy/jupyterhub/load_driver.py --users 1 4 8     # or: make load USERS=4

It prints a table per N (medians and 95th percentiles), appends to ``hub-load.csv`` and draws
``hub-load.svg`` (times against N) in ``--out`` (default ``test-artifacts/hub-load``).
Every wait is bounded; the accounts, servers and hub it made are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import sys
import time
from pathlib import Path

import load_report  # the table, the CSV and the chart
from classroom import (
    ROOT,
    ClassroomError,
    Hub,
    Participant,
    Workspace,
    build_course_env,
    create_user,
    remove_users,
    why_not_runnable,
)
from hubload import (
    LESSON,
    Student,
    hand_out_lessons,
    hub_restarted,
    kernel_killed,
    run_round,
    server_stopped,
)

__all__ = ["main"]


def _stop_servers(admin: Participant, students: list[Student]) -> None:
    for s in students:
        s.close()
        admin.hub_api("DELETE", f"users/{s.name}/server")
    deadline = time.monotonic() + 120
    for s in students:
        while s.person.server_model() is not None and time.monotonic() < deadline:
            time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    """Run the rounds (and the faults), print the tables, write the CSV and the chart."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--users",
        type=int,
        nargs="+",
        default=[4],
        help="participants at once; several values run one round each",
    )
    parser.add_argument(
        "--faults",
        action="store_true",
        help="after the rounds, kill a kernel, restart the hub, stop a server",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts" / "hub-load")
    parser.add_argument(
        "--course-env",
        type=Path,
        default=Path(os.environ.get("HUB_COURSE_ENV", "/var/cache/alliance-course/hub-test-env")),
    )
    args = parser.parse_args(argv)
    reasons = why_not_runnable()
    if reasons:
        print("load driver cannot run here: " + "; ".join(reasons), file=sys.stderr)
        return 2
    if min(args.users) < 1 or (args.faults and max(args.users) < 3):
        print("--users must be 1 or more (3 or more with --faults)", file=sys.stderr)
        return 2

    tag = secrets.token_hex(2)
    teacher = f"lt{tag}teach"
    users = [f"lt{tag}s{i}" for i in range(1, max(args.users) + 1)]
    workspace, hub, made = Workspace.create(), None, []
    rounds, failures = [], []
    try:
        print(f"building the course environment in {args.course_env} ...", flush=True)
        build_course_env(args.course_env)
        for name in [teacher, *users]:
            create_user(name)
            made.append(name)
        hub = Hub(workspace, args.course_env, [teacher], users).start()
        admin = hub.participant(teacher)
        students = [Student(hub, u) for u in users]
        for n in args.users:
            group = students[:n]
            for s in group:
                hand_out_lessons(s.name)
            print(
                f"\n{n} participant(s): start, Run All on {LESSON}, one builder change ...",
                flush=True,
            )
            result = run_round(hub, group)
            rounds.append(result)
            print(load_report.round_table(result))
            failures += result.errors
            if args.faults and n == max(args.users):
                failures += _faults(hub, admin, group)
            _stop_servers(admin, group)
        csv_path = load_report.append_csv(args.out / "hub-load.csv", rounds)
        svg_path = load_report.write_chart(csv_path, args.out / "hub-load.svg")
        print("\n" + load_report.summary(rounds))
        print(f"\nwrote {csv_path} and {svg_path}")
    except ClassroomError as err:
        failures.append(str(err))
    finally:
        if hub is not None:
            hub.close()
            args.out.mkdir(parents=True, exist_ok=True)
            shutil.copy(hub.log, args.out / "hub.log")
        remove_users(*made)
        workspace.remove()
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _faults(hub: Hub, admin: Participant, group: list[Student]) -> list[str]:
    found = []
    print("\nfaults mid-session:", flush=True)
    killed = kernel_killed(group[0])
    print(
        f"  kernel killed during Run All: {killed.interrupted}; after the restart the "
        f"builder has {killed.rerun.bodies}"
    )
    found += killed.problems()
    # The first participant is the killed kernel's alone: the later faults do not need it.
    rest = group[1:]
    restarted = hub_restarted(hub, rest)
    print(
        f"  hub stopped while {len(rest)} worked, up again after "
        f"{restarted.downtime_s:.1f} s: runs finished with the hub down "
        f"{sum(restarted.finished_while_down.values())}/{len(rest)}, kernels kept "
        f"{sum(restarted.kernels_kept.values())}/{len(rest)}"
    )
    found += restarted.problems()
    hub.ensure_running()
    stopped = server_stopped(hub, admin, rest[-1], rest[:-1])
    print(
        f"  {stopped.victim}'s server stopped by the admin API: others finished "
        f"{sum(o.error is None for o in stopped.others)}/{len(stopped.others)}; its design "
        f"came back with {stopped.after_restart}"
    )
    found += stopped.problems()
    print("  nothing lost" if not found else "  PROBLEMS: " + "; ".join(found))
    return found


if __name__ == "__main__":
    sys.exit(main())
