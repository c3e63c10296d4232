"""Stages 2 and 3: deterministic decisions that read Stage 1's signals only."""

from archwright.decide.architecture import select_architecture
from archwright.decide.data_strategy import select_data_strategy

__all__ = ["select_architecture", "select_data_strategy"]
