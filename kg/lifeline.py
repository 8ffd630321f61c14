"""Child processes that die with the build that started them.

A build forks a writer for the views and may start a pool of extraction workers. If the build is
killed (kill -9, the OOM killer, a closed terminal), nothing tells them, and they would go on
writing into a staging folder nobody will publish. On Linux the kernel is asked to kill the child
when its parent dies (prctl PR_SET_PDEATHSIG, through ctypes); elsewhere a daemon thread polls the
parent's pid and exits when it changes.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.5


def die_with_parent() -> None:
    """Call first thing in a child: when the parent process goes, so does this one."""
    parent = os.getppid()
    if sys.platform.startswith("linux") and _pdeathsig():
        if os.getppid() != parent:  # the parent died before the kernel was asked
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent,), name="kg-lifeline", daemon=True).start()


def _pdeathsig() -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)
