"""Where a step runs: the CPU (NumPy with SciPy's gemm), the GPU (CuPy: the port, fused, captured),
PyTorch's two listings, and the codes' listings."""
