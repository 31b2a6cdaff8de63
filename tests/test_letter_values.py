"""Letters carry every value literally and templates cannot run code (issue 25, items 6 and 12): `&`,
`<`, `>` in a subject stay as typed, so does the template's own text around them; a control character an
older release let into the register is a space, never a corrupted document; a template reaching for
Python's objects is refused in one line and runs nothing."""

from __future__ import annotations

import stat

import docx
import pytest

from runtime.errors import UserError
from settings import Settings
from tests.test_letters import case, read, starter


def test_markup_and_control_characters_in_values_do_not_corrupt_the_letter(settings, register):
    case(register, "AE-1", "foia", "2025-10-01", name="Dr J\x0bSmith")
    with register.session() as s, s.begin():
        from sqlalchemy import text

        s.execute(text("UPDATE cases SET subject = :s WHERE ref = 'AE-1'"), {"s": "A&E waits <4 hours> & costs"})
    letter = read(settings, "AE-1", "acknowledgement")
    assert "Dear Dr J Smith," in letter
    assert "A&E waits <4 hours> & costs" in letter


def test_a_template_cannot_reach_python_or_run_a_command(tmp_path, register):
    marker = tmp_path / "ran"
    own = tmp_path / "own"
    own.mkdir()
    template = docx.Document()
    template.add_paragraph(f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}")
    template.save(str(own / "acknowledgement.docx"))
    settings = Settings(data_dir=tmp_path / "data", letter_templates=own)
    case(register, "T-1", "foia", "2025-10-01")
    with pytest.raises(UserError, match="acknowledgement.docx: .*unsafe"):
        read(settings, "T-1", "acknowledgement")
    assert not marker.exists()


@pytest.mark.slow
def test_each_ref_has_its_own_letter_file_and_only_its_owner_reads_it(settings, register):
    case(register, "a/b", "foia", "2025-10-01")
    case(register, "a_b", "foia", "2025-10-02")
    for ref in ("a/b", "a_b"):
        out = starter(settings.data_dir, "letter", ref, "acknowledgement")
        assert out.returncode == 0, out.stderr
    written = {p.name: p for p in settings.data_dir.glob("*.docx")}
    assert sorted(written) == ["a%2Fb-acknowledgement.docx", "a_b-acknowledgement.docx"]
    assert "Thank you for your request of 1 October 2025" in read_file(written["a%2Fb-acknowledgement.docx"])
    assert "Thank you for your request of 2 October 2025" in read_file(written["a_b-acknowledgement.docx"])
    assert {stat.S_IMODE(p.stat().st_mode) for p in written.values()} == {0o600}


def read_file(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
