"""The machine a run trains on: its CPU, BLAS and GPU (devices), and `auto` BLAS threads
(calibration, the governor)."""
