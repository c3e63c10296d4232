"""Stages 4-9: design sections built from Stage 1-3 outputs (never from the prompt)."""
