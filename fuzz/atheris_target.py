"""Coverage-guided byte fuzzing with atheris (`make fuzz-atheris`, opt-in).

Bytes become a prompt (UTF-8 with replacement); anything but a clean InputError, or an invalid
artifact, is a crash that atheris minimizes and saves.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from archwright import generate
    from archwright.errors import InputError
    from archwright.render.files import render_files

    # generate() imports its stages lazily: run it once here so they load (and are instrumented)
    render_files(generate("Build me a backend for a social app"))

from fuzz.check import check_files


def target(data: bytes) -> None:
    prompt = data.decode("utf-8", errors="replace")
    try:
        doc = generate(prompt)
    except InputError:
        return
    problems = check_files(render_files(doc))
    if problems:
        raise AssertionError("invalid artifact: " + "; ".join(problems[:3]))


def main() -> None:
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
