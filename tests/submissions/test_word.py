"""Versions and compilations in Word: the version's text read back by the portal's own import,
and the compilation's amendments as tracked changes by their delegation (read back with
python-docx and lxml, and opened by LibreOffice, converted headless to PDF)."""

import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from lxml import etree

from submissions.models import Compilation, SubmissionRevision
from submissions.parsing import docx_to_structured_text, parse_structured_text

from .conftest import pdf_text, state_party, submitted

pytestmark = pytest.mark.django_db

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _xml(data: bytes, part: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(part))


def _text(element) -> str:
    return "".join(element.xpath(".//w:t/text() | .//w:delText/text()", namespaces=NS))


def test_a_version_downloads_as_word_that_the_import_reads_back(client, fp_a, version):
    client.force_login(fp_a)
    response = client.get("/submissions/drafts/review/versions/1/text.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="rso-v1.docx"' in response["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert "I. Introduction" in texts and "3. States not party are encouraged to join without delay." in texts
    parsed = parse_structured_text(docx_to_structured_text(response.content))
    assert [(p.number, p.part, p.heading, p.text) for p in parsed] == [
        (p.number, p.part, p.heading, p.text) for p in version.paragraphs.all()
    ]


def test_a_version_in_word_is_for_readers_of_the_drafts(client, version, django_user_model):
    url = "/submissions/drafts/review/versions/1/text.docx"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(django_user_model.objects.create_user(email="nobody@example.org", password="x-pass-1"))
    assert client.get(url).status_code == 404


@pytest.fixture
def compiled(client, staff, version, fp_a, mexico, fp_b, chile, django_capture_on_commit_callbacks):
    """Mexico changes paragraph 3 and comments on paragraph 1; Chile deletes paragraph 4 and
    offers a paragraph after 5; Peru changes the same words of paragraph 3 as Mexico."""
    submitted(
        version,
        fp_a,
        mexico,
        comments=[
            ("1", "comment", "Mexico welcomes paragraph one", ""),
            (
                "3",
                "amendment",
                "Stronger wording",
                "States not party are strongly encouraged to join without delay.",
            ),
            ("", "comment", "Mexico general remark", ""),
        ],
    )
    submitted(
        version,
        fp_b,
        chile,
        comments=[
            ("4", "deletion", "Covered elsewhere", ""),
            ("5", "addition", "", "Survivors are consulted on the review."),
        ],
    )
    peru = state_party("Peru", "PER")
    from .conftest import make_focal_point

    submitted(
        version,
        make_focal_point("p@peru.example", peru),
        peru,
        comments=[("3", "amendment", "", "States not party are warmly encouraged to join without delay.")],
    )
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/submissions/isu/versions/{version.pk}/compilation/")
    compilation = Compilation.objects.get(version=version)
    assert compilation.state == Compilation.State.READY, compilation.error
    response = client.get(f"/submissions/isu/versions/{version.pk}/compilation.docx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return b"".join(response.streaming_content)


def _submitted_at(delegation: str) -> str:
    revision = SubmissionRevision.objects.get(submission__delegation__name=delegation)
    return revision.submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_each_amendment_is_one_tracked_change_by_its_delegation(compiled):
    body = _xml(compiled)
    changes = [
        (etree.QName(e).localname, e.get(f"{{{W}}}author"), _text(e).strip())
        for e in body.iter(f"{{{W}}}ins", f"{{{W}}}del")
        if _text(e)
    ]
    # Mexico's change to paragraph 3 is inside it; Peru's, on the same words, follows it as an
    # alternative paragraph; Chile deletes paragraph 4 (its mark too) and inserts one after 5.
    assert ("ins", "Mexico", "strongly") in changes
    assert ("del", "Chile", "4. Regional meetings support universalization.") in changes
    assert ("ins", "Chile", "Survivors are consulted on the review.") in changes
    assert ("ins", "Peru", "3. States not party are warmly encouraged to join without delay.") in changes
    assert sorted({author for _k, author, _t in changes}) == ["Chile", "Mexico", "Peru"]
    assert len([c for c in changes if c[1] == "Mexico"]) == 1
    # The paragraph marks: Chile's deleted paragraph and inserted paragraph go as a whole.
    marks = body.xpath("//w:pPr/w:rPr/w:del/@w:author | //w:pPr/w:rPr/w:ins/@w:author", namespaces=NS)
    assert sorted(marks) == ["Chile", "Chile", "Peru"]
    dates = {e.get(f"{{{W}}}author"): e.get(f"{{{W}}}date") for e in body.iter(f"{{{W}}}ins", f"{{{W}}}del")}
    assert dates == {name: _submitted_at(name) for name in ("Chile", "Mexico", "Peru")}
    ids = [e.get(f"{{{W}}}id") for e in body.iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert len(ids) == len(set(ids))


def test_comments_are_word_comments_anchored_to_their_paragraph(compiled):
    document = docx.Document(io.BytesIO(compiled))
    comments = {c.comment_id: c for c in document.comments}
    by_text = {c.text: c for c in comments.values()}
    assert by_text["Mexico welcomes paragraph one"].author == "Mexico"
    assert by_text["Mexico general remark"].author == "Mexico"
    assert by_text["Covered elsewhere"].author == "Chile"
    assert by_text["Stronger wording"].author == "Mexico"
    assert any(
        t.startswith("An alternative to paragraph 3") and c.author == "Peru" for t, c in by_text.items()
    )
    body = _xml(compiled)
    anchored = {}
    for p in body.iter(f"{{{W}}}p"):
        for start in p.xpath("./w:commentRangeStart/@w:id", namespaces=NS):
            assert p.xpath(f"./w:commentRangeEnd[@w:id='{start}']", namespaces=NS)
            assert p.xpath(f".//w:commentReference[@w:id='{start}']", namespaces=NS)
            anchored[comments[int(start)].text] = _text(p)
    assert anchored["Mexico welcomes paragraph one"].startswith("1. The Convention entered into force")
    assert anchored["Covered elsewhere"].startswith("4. Regional meetings")
    assert len(anchored) == len(comments)


@pytest.mark.skipif(
    not shutil.which("soffice"),
    reason="LibreOffice not found (apt-get install -y libreoffice-writer-nogui) to open the .docx",
)
def test_the_compilation_opens_in_libreoffice(compiled, tmp_path):
    source = tmp_path / "compilation.docx"
    source.write_bytes(compiled)
    subprocess.run(  # noqa: S603 - a fixed command on a file the test wrote
        [
            shutil.which("soffice"),
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = " ".join(pdf_text((tmp_path / "compilation.pdf").read_bytes()).split())
    assert "Draft review" in text
    assert "States not party are strongly encouraged" in text
    assert "Survivors are consulted on the review." in text
    assert "Regional meetings support universalization." in text
