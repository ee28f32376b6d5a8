"""The algorithm: the tutorial's loop (the oracle), the engine's step, the Hessian and its largest
eigenvalue, and what diagnostics record each iteration."""
