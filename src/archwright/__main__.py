"""``python -m archwright`` and the ``archwright`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    # Fast path: answer --version without importing typer, rich or pydantic.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from archwright._version import __version__

        print(f"archwright {__version__}")
        return
    from archwright.cli import run

    run()


if __name__ == "__main__":
    main()
