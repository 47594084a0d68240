"""The article and its rules: plain dataclasses and functions, no I/O, no Qt."""
