"""A lab at full load on the course's hub, in three parts, for ``make load`` and the hub tests.

- :mod:`hubload.scenario`: participants start their servers and run lesson 02 at once
  (:func:`~hubload.scenario.run_round`);
- :mod:`hubload.faults`: a killed kernel, a hub restart and a stopped server mid-session;
- :mod:`hubload.sampler`: the memory and CPU of the hub, the proxy and every participant.

They drive the hub through :mod:`classroom` (this folder's classroom client); ``load_driver.py``
is the command line.
"""

from hubload.faults import (
    HubRestarted,
    KernelKilled,
    Reruns,
    ServerStopped,
    hub_restarted,
    kernel_killed,
    server_stopped,
)
from hubload.sampler import Sampler
from hubload.scenario import (
    CHANGE_BODY,
    FOLDER,
    LESSON,
    Outcome,
    Round,
    Student,
    hand_out_lessons,
    run_round,
    saved_bodies,
)

__all__ = [
    "CHANGE_BODY",
    "FOLDER",
    "LESSON",
    "HubRestarted",
    "KernelKilled",
    "Outcome",
    "Reruns",
    "Round",
    "Sampler",
    "ServerStopped",
    "Student",
    "hand_out_lessons",
    "hub_restarted",
    "kernel_killed",
    "run_round",
    "saved_bodies",
    "server_stopped",
]
