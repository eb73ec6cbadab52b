"""The rules of the national format and the engine that evaluates them into findings."""

from .findings import ERROR, WARNING, Finding

__all__ = ["ERROR", "WARNING", "Finding"]
