"""The compute process the window starts, and the jobs it runs."""
