"""Function answers: call the reader's function on the test inputs, within a time limit.

The function is called on copies of the inputs (it may change them in place), in the
calling thread under :func:`~nllce.exercises._limits.time_limit` (see there why not in
a thread), with :data:`TIME_LIMIT` seconds for all its calls together. An exception it
raises, or running out of time, becomes :class:`~nllce.exercises._answers.InvalidAnswer`
with a message that names the input.
"""

from __future__ import annotations

import dis
import time

import numpy as np

from ._answers import InvalidAnswer, as_array, as_number, error_text, short
from ._limits import TimeLimitExceeded, time_limit

__all__ = ["TIME_LIMIT", "call", "call_with_limit", "describe_args", "does_nothing", "read_like"]

#: Seconds a function answer may run, all its test calls together.
TIME_LIMIT = 5.0


def call(function, args):
    """Call `function` on copies of `args` (the reader may change them in place)."""
    return function(*(np.array(a, copy=True) if isinstance(a, np.ndarray) else a for a in args))


def call_with_limit(function, inputs) -> list:
    """The outputs of the reader's function on every input, within :data:`TIME_LIMIT`."""
    deadline = time.monotonic() + TIME_LIMIT
    outputs = []
    for args in inputs:
        try:
            with time_limit(max(deadline - time.monotonic(), 1e-3)):
                outputs.append(call(function, args))
        except TimeLimitExceeded:
            raise InvalidAnswer(
                f"your function did not finish within {TIME_LIMIT:g} s when called "
                f"with {describe_args(args)}: is there a loop that never ends?"
            ) from None
        except Exception as error:  # the reader's code: report, do not crash
            raise InvalidAnswer(
                f"your function raised {error_text(error)} "
                f"when called with {describe_args(args)}"
            ) from None
    return outputs


def read_like(output, expected):
    """A function's output as a float, or a float array shaped like `expected`."""
    if expected is None:  # a reference output: trust its shape
        array = np.asarray(output, dtype=float)
        return float(array) if array.ndim == 0 else array
    if isinstance(expected, float):
        return as_number(output)
    return as_array(output, expected.shape)


def does_nothing(function) -> bool:
    """Whether `function`'s body is only ``...``/``pass`` (a student notebook's stub)."""
    try:
        instructions = list(dis.get_instructions(function))
    except TypeError:
        return False
    return all(
        ins.opname in {"RESUME", "NOP", "RETURN_VALUE", "RETURN_CONST"}
        or (ins.opname == "LOAD_CONST" and ins.argval is None)
        for ins in instructions
    )


def describe_args(args) -> str:
    return ", ".join(
        f"an array of {np.size(a)} values" if np.size(a) > 6 else short(a, 40) for a in args
    )

