#!/usr/bin/env bash
# Prints the interpreter `make` builds .venv on (override: `make PYTHON=/path/to/python3`).
#
# The distribution's python3 comes first when it is recent enough: Debian and Ubuntu link the
# interpreter statically with profile-guided optimisation, whereas a default pyenv (or
# `./configure --enable-shared`) build calls every opcode through a shared libpython built
# without it — the same pipeline ran ~16 % slower on pyenv's 3.11.7 than on Debian's 3.11.2
# on the benchmark corpus (README, "Performance"). Either works; this only picks the faster.
set -euo pipefail
for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1 &&
        "$py" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "$py"
        exit 0
    fi
done
echo python3
