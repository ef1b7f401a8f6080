"""Whatever a maintainer's editor leaves in the file, `validate` answers with problems on real
lines, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from sources_cases import BASE, TODAY

from verifyctl.sources.validate import validate_text

LINES = BASE.split("\n")


@st.composite
def mangled(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "garble"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index][2:]
        else:
            cut = draw(st.integers(0, len(lines[index])))
            junk = draw(st.text(alphabet=":-[]{}\"'&*!|>#%@ \tabc1", max_size=6))
            lines[index] = lines[index][:cut] + junk + lines[index][cut:]
        if not lines:
            break
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(mangled())
def test_mangled_lists_never_crash(text: str) -> None:
    line_count = text.count("\n") + 1
    for problem in validate_text(text, "f.yaml", today=TODAY):
        assert 1 <= problem.line <= line_count + 1
        assert problem.message.en and problem.message.vi
