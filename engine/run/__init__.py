"""A run: its loop (train), the memory check, every refusal of a would-be run, and fault
injection."""
