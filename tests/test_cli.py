"""The CLI dispatcher: every command is listed, and only the chosen command's module is imported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[1]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for name, (_, help_text) in COMMANDS.items():
        assert f"{name}  " in out and help_text in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["publish"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'publish'" in capsys.readouterr().err


def test_import_does_not_load_the_cross_reference_stack() -> None:
    """``import`` must not pay for scikit-learn/jieba start-up, which only ``build`` needs."""
    code = (
        "import sys; from generator.cli import main; rc = main(['import', '--dry-run', 'dongcheng']); "
        "print(rc, 'sklearn' in sys.modules, 'jieba' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split()[-3:] == ["0", "False", "False"]
