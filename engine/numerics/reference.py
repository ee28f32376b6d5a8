"""The tutorial's loop, transcribed: the oracle for tests and the baseline for `bench`.

This is the "Tensor Warm-up: numpy" example of "Learning PyTorch with Examples", unchanged but
for two things: the arrays are given (so that every contender trains on the same draw) and the
loss of every iteration is returned. With xp=cupy it is the straight CuPy port, float(loss)
and boolean-mask assignment included, each of which synchronises with the GPU.
"""

from __future__ import annotations

import numpy as np

from engine.core.config import BOTH, Layers


def tutorial_iteration(x, y, w1, w2, learning_rate: float, xp=np,
                       layers: Layers = BOTH) -> float:
    """One pass of the tutorial's loop body: trains w1 and w2 in place, returns the loss."""
    # Forward pass: compute predicted y
    h = x.dot(w1)
    h_relu = xp.maximum(h, 0)
    y_pred = h_relu.dot(w2)

    # Compute and record loss
    loss = float(xp.square(y_pred - y).sum())

    # Backprop to compute gradients of w1 and w2 with respect to loss
    grad_y_pred = 2.0 * (y_pred - y)
    grad_w2 = h_relu.T.dot(grad_y_pred)
    grad_h_relu = grad_y_pred.dot(w2.T)
    grad_h = grad_h_relu.copy()
    grad_h[h < 0] = 0
    grad_w1 = x.T.dot(grad_h)

    # Update weights
    if layers.w1:
        w1 -= learning_rate * grad_w1
    if layers.w2:
        w2 -= learning_rate * grad_w2
    return loss


def tutorial_loop(x, y, w1, w2, learning_rate: float, iterations: int, xp=np,
                  layers: Layers = BOTH) -> np.ndarray:
    """Train w1 and w2 in place; return the loss of every iteration as a float64 host array.
    A frozen layer (`layers`) keeps its weights as drawn."""
    losses = [tutorial_iteration(x, y, w1, w2, learning_rate, xp, layers)
              for _t in range(iterations)]
    return np.asarray(losses, dtype=np.float64)
