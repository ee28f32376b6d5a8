"""One SGD step of the tutorial's network, written against an array namespace `xp`.

The same lines as the tutorial, with every intermediate written into a preallocated
workspace (`out=`) so that a long run allocates nothing per iteration. NumPy runs it on the
CPU; with xp=cupy it is the plain GPU step that the fused one (engine.backends.cuda_step) is
checked against.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.core.config import BOTH, Layers
from engine.core.problem import Problem


@dataclass
class Workspace:
    """The intermediates of one step, in the tutorial's names, allocated once per run."""

    h: Any
    h_relu: Any
    y_pred: Any
    grad_y_pred: Any
    grad_w2: Any
    grad_h: Any  # grad_h_relu, then masked in place into grad_h
    grad_w1: Any
    h_negative: Any  # the mask h < 0
    x_t: Any  # xᵀ, contiguous: x is constant, and the product is faster on a contiguous copy
    # The folded CPU step's mask as bits (engine.backends.cpu_blas.CpuBlas.zero_where_negative)
    h_keep: Any = None

    @classmethod
    def allocate(cls, problem: Problem, xp, folded: bool = False) -> Workspace:
        """`folded`: for folded_sgd_step on the CPU, which masks grad_h by bits and whose
        products run faster with h and h_relu Fortran-ordered (engine.backends.cpu_blas)."""
        n, hidden = problem.x.shape[0], problem.w1.shape[1]
        dtype = problem.x.dtype
        order = "F" if folded else "C"
        return cls(
            h=xp.empty((n, hidden), dtype, order=order),
            h_relu=xp.empty((n, hidden), dtype, order=order),
            y_pred=xp.empty(problem.y.shape, dtype),
            grad_y_pred=xp.empty(problem.y.shape, dtype),
            grad_w2=xp.empty(problem.w2.shape, dtype),
            grad_h=xp.empty((n, hidden), dtype),
            grad_w1=xp.empty(problem.w1.shape, dtype),
            h_negative=xp.empty((n, hidden), bool),
            x_t=xp.ascontiguousarray(problem.x.T),
            h_keep=xp.empty((n, hidden), f"u{dtype.itemsize}") if folded else None,
        )

    @staticmethod
    def element_count(n: int, d_in: int, hidden: int, d_out: int) -> int:
        """Array elements the workspace holds, at most (a mask's element counted as a whole
        one, and the folded step's bits included)."""
        return 5 * n * hidden + 2 * n * d_out + hidden * d_out + d_in * hidden + n * d_in


def forward_backward(p: Problem, ws: Workspace, xp, layers: Layers = BOTH):
    """Loss and gradients at p's weights: ws.grad_w1 and ws.grad_w2 hold them afterwards.

    `layers` are those whose gradient is wanted: a frozen layer's is not computed, as with
    PyTorch's requires_grad=False.
    """
    loss = forward(p, ws, xp)
    backward(p, ws, xp, layers)
    return loss


def forward(p: Problem, ws: Workspace, xp):
    """The forward pass and the loss; ws.grad_y_pred holds 2 (y_pred − y) afterwards."""
    # Forward pass: h = x·w1, h_relu = max(h, 0), y_pred = h_relu·w2
    xp.matmul(p.x, p.w1, out=ws.h)
    xp.maximum(ws.h, 0, out=ws.h_relu)
    xp.matmul(ws.h_relu, p.w2, out=ws.y_pred)

    # Loss: the sum of squared errors; grad_y_pred = 2 (y_pred − y)
    xp.subtract(ws.y_pred, p.y, out=ws.grad_y_pred)
    loss = xp.vdot(ws.grad_y_pred, ws.grad_y_pred)
    xp.multiply(ws.grad_y_pred, 2.0, out=ws.grad_y_pred)
    return loss


def backward(p: Problem, ws: Workspace, xp, layers: Layers = BOTH) -> None:
    """The backward pass, written by hand: the trained layers' gradients only (grad_h_relu
    uses w2 before its update)."""
    if layers.w2:
        xp.matmul(ws.h_relu.T, ws.grad_y_pred, out=ws.grad_w2)
    if layers.w1:
        xp.matmul(ws.grad_y_pred, p.w2.T, out=ws.grad_h)  # grad_h_relu
        xp.copyto(ws.grad_h, 0, where=xp.less(ws.h, 0, out=ws.h_negative))
        xp.matmul(ws.x_t, ws.grad_h, out=ws.grad_w1)


def sgd_step(p: Problem, ws: Workspace, learning_rate: float, xp, layers: Layers = BOTH):
    """One iteration: forward, loss, backward, update of the trained weights. Returns the loss.

    The loss is returned as xp computed it (a 0-d array on a GPU), so that the caller decides
    when to pay for a device-to-host copy. The workspace's gradients are scaled by the
    learning rate in place.
    """
    loss = forward_backward(p, ws, xp, layers)

    # Update weights: w ← w − learning_rate · grad_w (the trained ones)
    if layers.w1:
        xp.multiply(ws.grad_w1, learning_rate, out=ws.grad_w1)
        xp.subtract(p.w1, ws.grad_w1, out=p.w1)
    if layers.w2:
        xp.multiply(ws.grad_w2, learning_rate, out=ws.grad_w2)
        xp.subtract(p.w2, ws.grad_w2, out=p.w2)
    return loss


def folded_sgd_step(p: Problem, ws: Workspace, learning_rate: float, blas,
                    layers: Layers = BOTH):
    """One iteration on the CPU, each update folded into its gradient's product (`blas`:
    engine.backends.cpu_blas.CpuBlas): the same algorithm as sgd_step, with no gradient arrays and
    no extra passes over the weights. Returns the loss."""
    loss = forward(p, ws, blas)
    folded_backward(p, ws, learning_rate, blas, layers)
    return loss


def folded_backward(p: Problem, ws: Workspace, learning_rate: float, blas,
                    layers: Layers = BOTH) -> None:
    """The backward pass and the update in one: w ← w − lr·(the gradient's product)."""
    if layers.w1:  # grad_h_relu uses w2 before its update
        blas.matmul(ws.grad_y_pred, p.w2.T, out=ws.grad_h)
        blas.zero_where_negative(ws.grad_h, ws.h, ws.h_keep)  # grad_h[h < 0] = 0
    if layers.w2:  # w2 −= lr·h_reluᵀ·grad_y_pred
        blas.subtract_product(p.w2, learning_rate, ws.h_relu.T, ws.grad_y_pred)
    if layers.w1:  # w1 −= lr·xᵀ·grad_h
        blas.subtract_product(p.w1, learning_rate, p.x.T, ws.grad_h)


def trained_gradients(workspace: Workspace, layers: Layers) -> list:
    """The gradients the last step computed (scaled by the learning rate): trained layers only."""
    return [g for g, trained in ((workspace.grad_w1, layers.w1), (workspace.grad_w2, layers.w2))
            if trained]
