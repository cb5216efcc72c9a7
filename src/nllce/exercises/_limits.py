"""Time limits for the reader's code: a function answer that never returns becomes feedback.

Why a timer and not a thread: Python cannot stop a thread, so running the reader's
function in a worker thread and giving up after a while would leave that thread
spinning (an infinite loop keeps a core busy until the kernel dies). Instead the code
runs in the calling thread and is interrupted there:

- in the main thread (a Jupyter kernel runs cells there; so do scripts and pytest), a
  ``SIGALRM`` timer (:func:`signal.setitimer`) raises :class:`TimeLimitExceeded` inside
  the running code. The previous handler and any pending timer are restored after.
- elsewhere (another thread, or a platform without ``setitimer``), a one-shot
  :class:`threading.Timer` asks CPython to raise it in the calling thread
  (``PyThreadState_SetAsyncExc``); the timer is cancelled, and its thread ends, as soon
  as the block finishes. (A trace function cannot do this: ``while True: pass`` runs no
  new line, so it is never called.)

Either way, a long call into C (one huge numpy operation) is interrupted only when it
returns to Python. :class:`TimeLimitExceeded` derives from ``BaseException`` so that the
reader's ``except Exception:`` cannot swallow it; the ``SIGALRM`` timer repeats until
the code stops.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from contextlib import contextmanager

__all__ = ["TimeLimitExceeded", "time_limit"]

_REPEAT = 0.05  # seconds between repeated interrupts, for code that swallows the first


class TimeLimitExceeded(BaseException):  # an interruption (like KeyboardInterrupt)
    """The code under :func:`time_limit` ran longer than allowed."""


@contextmanager
def time_limit(seconds: float):
    """Run the block for at most `seconds`, then raise :class:`TimeLimitExceeded` inside it.

    Examples
    --------
    >>> with time_limit(1.0):
    ...     total = sum(range(10))
    >>> try:
    ...     with time_limit(0.05):
    ...         while True:
    ...             pass
    ... except TimeLimitExceeded:
    ...     print("stopped")
    stopped
    """
    seconds = max(float(seconds), 1e-3)
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _async_raise(seconds):
            yield


@contextmanager
def _alarm(seconds: float):
    state = {"active": True}

    def interrupt(signum, frame):
        if state["active"]:
            raise TimeLimitExceeded(f"stopped after {seconds:g} s")

    previous_handler = signal.signal(signal.SIGALRM, interrupt)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    started = time.monotonic()
    try:
        yield
    finally:
        state["active"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:  # someone else's timer was pending: let it go off as planned
            remaining = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(remaining, 1e-3), previous_interval)


@contextmanager
def _async_raise(seconds: float):
    thread_id = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"active": True}

    def interrupt():
        with lock:
            if state["active"]:
                exception = ctypes.py_object(TimeLimitExceeded)
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, exception)

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["active"] = False
            # An interrupt set but not yet raised would surface later, in other code.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, None)
        timer.cancel()
        timer.join()
