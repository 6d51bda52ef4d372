"""Malformed-content cases as data: tests/cases/*.yml, one file per case.

Each case writes files over the valid base fixture and lists every problem that
``briefing check`` must report, exactly (message and line). Cases with no
expected problems are accepted input; they may list text the generated pages
must contain. Every case also proves that checking and generating changed no
file outside the build output.

Cases can also make what YAML text cannot (a ``binary`` entry's text may hold @@REPEAT@@,
replaced by ``repeat`` written ``times`` times): ``symlinks`` ({path: target}, the target
relative to the site root unless absolute; it need not exist, and may be the link
itself), ``fifos`` (a list of named pipes) and ``folders_as_links`` (folders moved out
of the content folder and replaced by a link to where they went). A case that expects
problems must also make ``briefing check`` exit with 1 and print no traceback; no case
may take longer than CASE_TIMEOUT seconds (a named pipe opened by mistake would hang).

Run with BRIEFING_UPDATE_CASES=1 to rewrite the expectations from the current
output (then read the diff: the messages are the product).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.cli import main
from briefing.errors import ContentError
from briefing.pipeline import check, generate

from .conftest import tree_digest


class _CaseDumper(yaml.SafeDumper):
    """Writes multi-line strings as literal blocks so a case reads like the file it creates."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value and not value.endswith((" ", "\t")) and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_CaseDumper.add_representer(str, _str)

CASES = sorted((Path(__file__).parent / "cases").glob("*.yml"))
CASE_TIMEOUT = 60.0
"""Seconds a case may take: past this the check is taken to hang."""


def materialise(spec: dict[str, Any]) -> bytes:
    """Bytes of a file described by a case's ``binary`` entry."""
    if "hex" in spec:
        return bytes.fromhex(spec["hex"])
    text: str = spec["text"]
    if "repeat" in spec:  # a long run of the same piece, e.g. 100,000 outline points
        text = text.replace("@@REPEAT@@", spec["repeat"] * spec["times"])
    if spec.get("crlf"):
        text = text.replace("\n", "\r\n")
    data = text.encode(spec.get("encoding", "utf-8"))
    if spec.get("bom"):
        data = b"\xef\xbb\xbf" + data
    if "size" in spec:
        data += b"x" * (spec["size"] - len(data))
    return data


def make_special(root: Path, case: dict[str, Any]) -> None:
    """Create the links, pipes and linked folders a case asks for (see the module docstring)."""
    for folder in case.get("folders_as_links") or []:
        moved = root / "elsewhere" / Path(folder).name
        moved.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(root / folder), str(moved))
        (root / folder).symlink_to(moved, target_is_directory=True)
    for path, target in (case.get("symlinks") or {}).items():
        link = root / path
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(target if Path(target).is_absolute() else root / target)
    for path in case.get("fifos") or []:
        fifo = root / path
        fifo.parent.mkdir(parents=True, exist_ok=True)
        if fifo.exists():
            fifo.unlink()
        os.mkfifo(fifo)


def within_timeout(run: Callable[[], Any], seconds: float = CASE_TIMEOUT) -> Any:
    """The result of ``run()``, failing the test if it does not return in time (the thread
    is left behind as a daemon: a hang is the failure being reported)."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = run()
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"no answer after {seconds:.0f} s: the check hangs")
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def problems_of(content: Path) -> list[str]:
    """Errors then warnings, as ``briefing check`` prints them."""
    try:
        return [str(p) for p in check(content).warnings]
    except ContentError as exc:
        return [str(p) for p in exc.problems]


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file: Path, site_factory: Any, capsys: pytest.CaptureFixture[str]) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    assert case.get("description"), "every case says what it tries"
    files: dict[str, str | bytes] = dict(case.get("files") or {})
    files.update({path: materialise(spec) for path, spec in (case.get("binary") or {}).items()})
    root = site_factory(files, case.get("remove"))
    make_special(root, case)
    before = tree_digest(root)

    found = within_timeout(lambda: problems_of(root / "content"))
    if os.environ.get("BRIEFING_UPDATE_CASES"):
        case["expect"] = found
        case_file.write_text(
            yaml.dump(case, Dumper=_CaseDumper, sort_keys=False, allow_unicode=True, width=110),
            encoding="utf-8",
        )
    assert found == case["expect"]

    errors = [line for line in found if line.split(": ", 2)[1:2] != ["warning"]]
    if found:
        capsys.readouterr()
        code = within_timeout(lambda: main(["--content", str(root / "content"), "check"]))
        err = capsys.readouterr().err
        assert code == (1 if errors else 0), err
        assert "Traceback" not in err
        assert err.splitlines()[: len(found)] == found
    if not errors:
        site = within_timeout(lambda: generate(root / "content"))
        for page, needles in (case.get("page_contains") or {}).items():
            for needle in needles:
                assert needle in site.pages[page], f"{page} lacks {needle!r}"
        for page, needles in (case.get("page_lacks") or {}).items():
            for needle in needles:
                assert needle not in site.pages[page], f"{page} contains {needle!r}"
    assert tree_digest(root) == before, "checking or generating changed a file"
