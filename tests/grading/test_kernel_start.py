"""A grading kernel that cannot start is replaced, not a failed submission.

Two kernels started at the same moment (``course-admin autograde --workers 2``) can be given
the same free port by the operating system; the second one cannot bind it and never answers.
The test makes that happen for real: the kernel's iopub port is one this test holds, and it
lets the port go only once the grader has said it is starting a new kernel.
"""

from __future__ import annotations

import logging
import socket

from nbformat.v4 import new_code_cell, new_notebook
from traitlets.config import Config

from instructor.admin.nbplugins import ExecuteAsStudent


class _ReleaseOnRetry(logging.Handler):
    """Closes the held socket once the kernel has failed (nbclient logs it, then the grader)."""

    def __init__(self, held: socket.socket):
        super().__init__(logging.WARNING)
        self.held, self.messages = held, []

    def emit(self, record):
        self.messages.append(record.getMessage())
        self.held.close()


def test_a_kernel_whose_port_is_taken_is_replaced_and_the_notebook_runs(tmp_path):
    """Does the notebook still run, in a second kernel, when the first cannot bind its port?"""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    held.listen()
    port = held.getsockname()[1]
    config = Config()
    config.KernelManager.cache_ports = False  # keep the port given here
    config.KernelManager.iopub_port = port
    execute = ExecuteAsStudent(config=config, startup_timeout=10, timeout=60)
    handler = _ReleaseOnRetry(held)
    execute.log.addHandler(handler)
    try:
        nb = new_notebook(cells=[new_code_cell("print(6 * 7)")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb, _ = execute.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    finally:
        execute.log.removeHandler(handler)
        held.close()
    assert nb.cells[0].outputs[0]["text"] == "42\n"
    retries = [m for m in handler.messages if "did not start" in m]
    assert len(retries) == 1 and "starting a new one" in retries[0], handler.messages
