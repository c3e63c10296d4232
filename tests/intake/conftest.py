"""Print the corpus accuracy report in the test session's summary (visible in `make test`)."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter) -> None:
    from archwright.intake.evaluate import SESSION_REPORTS

    for text in SESSION_REPORTS:
        terminalreporter.write_sep("=", "Stage 1 corpus accuracy")
        terminalreporter.write_line(text)
