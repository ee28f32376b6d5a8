"""The CPU step's folded updates (engine.backends.cpu_blas, engine.numerics.step.folded_sgd_step)
against the
plain step: the same algorithm, in place, in both dtypes and for every layer setting."""

import math

import numpy as np
import pytest

from engine.backends.cpu_blas import (
    SMALL_KERNEL_CORES,
    SMALL_PRODUCT,
    CpuBlas,
    piece_count,
    small_kernel_blas,
    spans,
)
from engine.core.config import BOTH, Layers, RunConfig
from engine.core.problem import draw_problem, to_device
from engine.numerics.step import Workspace, folded_sgd_step, sgd_step


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_products_are_written_in_place_without_copies(dtype):
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((5, 7)).astype(dtype), rng.standard_normal((7, 3)).astype(dtype)
    out = np.empty((5, 3), dtype)
    blas = CpuBlas(dtype)
    assert blas.matmul(a, b, out=out) is out
    np.testing.assert_allclose(out, a @ b, rtol=1e-5)
    w = rng.standard_normal((7, 3)).astype(dtype)
    expected = w - 0.5 * (a.T @ a[:, :3])
    pointer = w.ctypes.data
    blas.subtract_product(w, 0.5, a.T, np.ascontiguousarray(a[:, :3]))
    assert w.ctypes.data == pointer
    np.testing.assert_allclose(w, expected, rtol=1e-5)


@pytest.mark.parametrize("train", ["both", "w1", "w2"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_the_folded_step_trains_as_the_plain_step(train, dtype):
    config = RunConfig(n=16, d_in=40, hidden=12, d_out=3, dtype=dtype)
    layers = Layers.of(train)
    plain, folded = (to_device(draw_problem(config), dtype) for _ in range(2))
    plain_ws, folded_ws = Workspace.allocate(plain, np), Workspace.allocate(folded, np, folded=True)
    blas = CpuBlas(dtype)
    tolerance = 1e-12 if dtype == "float64" else 1e-4
    for _ in range(20):
        expected = sgd_step(plain, plain_ws, 1e-4, np, layers)
        loss = folded_sgd_step(folded, folded_ws, 1e-4, blas, layers)
        assert abs(loss - expected) <= tolerance * abs(expected)
    for ours, theirs in ((folded.w1, plain.w1), (folded.w2, plain.w2)):
        np.testing.assert_allclose(ours, theirs, rtol=tolerance * 10)
    frozen = {"w1": folded.w2, "w2": folded.w1}.get(train)
    if frozen is not None:  # a frozen layer keeps its weights as drawn
        drawn = to_device(draw_problem(config), dtype)
        assert any(np.array_equal(frozen, w) for w in (drawn.w1, drawn.w2))


def test_pieces_cover_the_range_in_equal_parts():
    for length, pieces in ((1000, 8), (7, 3), (100, 1), (2000, 53)):
        parts = spans(length, pieces)
        assert len(parts) == pieces and parts[0].start == 0 and parts[-1].stop == length
        assert all(a.stop == b.start for a, b in zip(parts, parts[1:], strict=False))
        sizes = {p.stop - p.start for p in parts}
        assert max(sizes) - min(sizes) <= 1


def test_piece_count_keeps_each_piece_within_the_small_kernels():
    assert piece_count(300, 32 * 40, 32) == 1  # 384,000 multiply-adds: small already
    pieces = piece_count(1000, 64 * 100, 32)  # the tutorial's x·w1: 6.4 million
    assert pieces == 8 and math.ceil(1000 / pieces) * 64 * 100 <= SMALL_PRODUCT
    assert piece_count(1000, 1000 * 100, 32) == 1  # pieces of 9 terms: too thin


def _counting(blas: CpuBlas) -> list:
    calls = []
    gemm = blas._gemm

    def counted(*args, **kwargs):
        calls.append(args[1].shape)
        return gemm(*args, **kwargs)

    blas._gemm = counted
    return calls


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_products_in_pieces_equal_the_whole_products(dtype):
    rng = np.random.default_rng(2)
    x = np.asfortranarray(rng.standard_normal((64, 1000)).astype(dtype))
    w1 = rng.standard_normal((1000, 100)).astype(dtype)
    grad_h = rng.standard_normal((64, 100)).astype(dtype)
    whole, pieces = CpuBlas(dtype, split=False), CpuBlas(dtype, split=True)
    calls = _counting(pieces)
    tolerance = 1e-12 if dtype == "float64" else 2e-5
    for order in ("C", "F"):
        h_whole, h_pieces = np.empty((64, 100), dtype, order=order), np.empty((64, 100), dtype,
                                                                             order=order)
        whole.matmul(x, w1, out=h_whole)
        pieces.matmul(x, w1, out=h_pieces)
        np.testing.assert_allclose(h_pieces, h_whole, rtol=tolerance, atol=tolerance * 30)
    assert len(calls) == 16  # 8 pieces of D_in, for each order
    w_whole, w_pieces = w1.copy(), w1.copy()
    whole.subtract_product(w_whole, 0.01, x.T, grad_h)
    pointer = w_pieces.ctypes.data
    pieces.subtract_product(w_pieces, 0.01, x.T, grad_h)
    assert w_pieces.ctypes.data == pointer and len(calls) == 24  # 8 pieces of w1's rows
    np.testing.assert_allclose(w_pieces, w_whole, rtol=tolerance, atol=tolerance * 30)


class _Pool:
    """A stand-in for threadpoolctl's controller of SciPy's OpenBLAS."""

    def __init__(self, threads: int):
        self.threads = threads

    def get_num_threads(self) -> int:
        return self.threads


@pytest.mark.parametrize("threads, expected_calls", [(1, 8), (2, 1)])
def test_products_are_split_only_on_one_thread_of_a_small_kernel_blas(threads, expected_calls):
    rng = np.random.default_rng(3)
    x = np.asfortranarray(rng.standard_normal((64, 1000)))
    w1, h = rng.standard_normal((1000, 100)), np.empty((64, 100))
    blas = CpuBlas("float64")
    blas._openblas = _Pool(threads)
    calls = _counting(blas)
    blas.matmul(x, w1, out=h)
    assert len(calls) == expected_calls
    blas._openblas = None  # no small-matrix kernels (another core, or another BLAS)
    blas.matmul(x, w1, out=h)
    assert len(calls) == expected_calls + 1


def test_the_small_kernel_blas_is_scipys_openblas_on_an_avx512_core():
    pool = small_kernel_blas()
    assert pool is None or (pool.internal_api == "openblas"
                            and pool.architecture in SMALL_KERNEL_CORES)


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_zero_where_negative_is_the_tutorials_masked_assignment(dtype):
    rng = np.random.default_rng(4)
    specials = np.array([-0.0, 0.0, np.nan, -np.nan, np.inf, -np.inf, -1e-300, 1e-300], dtype)
    h = np.asfortranarray(np.concatenate([specials, rng.standard_normal(64 * 10 - 8)])
                          .astype(dtype).reshape(64, 10, order="F"))
    values = rng.standard_normal((64, 10)).astype(dtype)
    values[0, :4] = [np.nan, -np.inf, np.inf, -0.0]
    expected = values.copy()
    expected[h < 0] = 0
    bits = np.empty((64, 10), f"u{np.dtype(dtype).itemsize}")
    CpuBlas(dtype).zero_where_negative(values, h, bits)
    assert values.view(bits.dtype).tolist() == expected.view(bits.dtype).tolist()  # bit for bit


@pytest.mark.parametrize("split", [True, False])
def test_the_folded_step_in_pieces_trains_as_the_plain_step_at_the_tutorials_sizes(split):
    config = RunConfig(n=64, d_in=1000, hidden=100, d_out=10)
    plain, folded = (to_device(draw_problem(config), "float64") for _ in range(2))
    folded.x = np.asfortranarray(folded.x)
    plain_ws, folded_ws = Workspace.allocate(plain, np), Workspace.allocate(folded, np, folded=True)
    blas = CpuBlas("float64", split=split)
    for t in range(100):
        expected = sgd_step(plain, plain_ws, 1e-6, np, BOTH)
        loss = folded_sgd_step(folded, folded_ws, 1e-6, blas, BOTH)
        assert abs(loss - expected) <= 1e-10 * abs(expected), t
    np.testing.assert_allclose(folded.w1, plain.w1, rtol=1e-9, atol=1e-9)
