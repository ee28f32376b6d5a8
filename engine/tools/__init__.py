"""The lecture tools over runs: bench, the race, the size and learning-rate sweeps, the profile.
Their records hold numbers."""
