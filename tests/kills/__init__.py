"""Crash safety by SIGKILL: ``python -m tests.kills`` (see ``harness.py``)."""
