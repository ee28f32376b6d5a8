"""A run's loss curve as data, with no Qt: arrays that grow in batches, the decimated copy a
curve is handed, the smoothing a lecturer may ask for, and the y extent a view must show."""

from __future__ import annotations

import numpy as np

DISPLAY_POINTS = 16_384  # at most this many points per curve reach pyqtgraph
PREALLOCATED_POINTS = 4_000_000  # a longer run's arrays start here and double
DIVERGED_TAIL = 100.0  # a diverged run counts in the y range up to this × its first loss


class GrowingSeries:
    """Iterations and losses appended in batches into arrays that double when full.

    `display()` gives what the curve is handed: the points themselves while there are few,
    else a peak-decimated copy (each block's minimum and maximum, so every spike stays
    visible) of at most DISPLAY_POINTS points, extended block by block as batches arrive.
    Handing pyqtgraph millions of points on every redraw cost 20-40 ms of GUI time a frame.
    """

    def __init__(self, capacity: int = 1024):
        self.x = np.empty(capacity, dtype=np.float64)
        self.y = np.empty(capacity, dtype=np.float64)
        self.size = 0
        self._block = 1  # points per decimation block; a power of two
        self._decimated_x = np.empty(0)
        self._decimated_y = np.empty(0)
        self._decimated_upto = 0  # points already folded into whole blocks

    def append(self, x: np.ndarray, y: np.ndarray) -> None:
        needed = self.size + len(x)
        if needed > len(self.x):
            capacity = max(needed, 2 * len(self.x))
            for name in ("x", "y"):
                grown = np.empty(capacity, dtype=np.float64)
                grown[: self.size] = getattr(self, name)[: self.size]
                setattr(self, name, grown)
        self.x[self.size:needed] = x
        self.y[self.size:needed] = y
        self.size = needed

    def views(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x[: self.size], self.y[: self.size]

    def compact(self) -> None:
        """A finished run grows no more: give back the room its arrays kept for growth."""
        self.x, self.y = self.x[: self.size].copy(), self.y[: self.size].copy()

    def display(self) -> tuple[np.ndarray, np.ndarray]:
        if self.size <= DISPLAY_POINTS:
            return self.views()
        block = self._block
        while 2 * (self.size // block) > DISPLAY_POINTS:
            block *= 2
        if block != self._block:  # coarser blocks: fold everything again, from the start
            self._block, self._decimated_upto = block, 0
            self._decimated_x, self._decimated_y = np.empty(0), np.empty(0)
        whole = (self.size - self._decimated_upto) // block * block
        if whole:
            start, stop = self._decimated_upto, self._decimated_upto + whole
            ys = self.y[start:stop].reshape(-1, block)
            xs = np.repeat(self.x[start:stop:block], 2)
            peaks = np.column_stack((ys.min(axis=1), ys.max(axis=1))).ravel()
            self._decimated_x = np.concatenate((self._decimated_x, xs))
            self._decimated_y = np.concatenate((self._decimated_y, peaks))
            self._decimated_upto = stop
        tail = slice(self._decimated_upto, self.size)
        return (np.concatenate((self._decimated_x, self.x[tail])),
                np.concatenate((self._decimated_y, self.y[tail])))


def smooth(values: np.ndarray, weight: float) -> np.ndarray:
    """TensorBoard's debiased exponential moving average: last = last·w + (1−w)·y and
    y_smooth = last / (1 − w^k), k counting the finite points so far; non-finite points pass
    through unchanged (and leave `last` as it was)."""
    from scipy.signal import lfilter

    values = np.asarray(values, dtype=np.float64)
    if weight <= 0 or not len(values):
        return values.copy()
    out = values.copy()
    finite = np.isfinite(values)
    y = values[finite]
    if len(y):
        last = lfilter([1 - weight], [1, -weight], y)  # last_k, from last_0 = 0
        k = np.arange(1, len(y) + 1)
        out[finite] = last / (1 - weight ** k)
    return out


def y_extent(series: GrowingSeries, log_y: bool, diverged: bool) -> tuple[float, float] | None:
    """The losses a y range must show. A diverged run's tail (up to 1e300) is left out above
    DIVERGED_TAIL × its first loss, so that it does not flatten the other runs."""
    _, y = series.views()
    y = y[np.isfinite(y)]
    if log_y:
        y = y[y > 0]
    if not len(y):
        return None
    high = y.max()
    if diverged:
        kept = y[y <= DIVERGED_TAIL * abs(y[0])]
        high = kept.max() if len(kept) else y[0]
    return float(y.min()), float(high)
