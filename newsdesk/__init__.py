"""newsdesk: a desktop newsroom editor for reporters who write offline."""

# The one place the version is written: pyproject.toml reads it from here
# (``[tool.setuptools.dynamic]``). Asking importlib.metadata instead cost ~25 ms at
# every start of the window and of every command.
__version__ = "0.1.0"
