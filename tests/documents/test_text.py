from documents import text as document_text

from .conftest import SAMPLE_TEXT


def test_text_is_parsed_into_headings_numbered_paragraphs_lists_and_footnotes():
    parsed = document_text.parse(SAMPLE_TEXT)
    kinds = [b.kind for b in parsed.blocks]
    assert kinds == ["heading", "paragraph", "paragraph", "list", "heading", "paragraph", "list"]
    assert parsed.paragraph_numbers == [1, 2, 3]
    assert parsed.blocks[3].items == [("a", "first point;"), ("b", "second point.")]
    assert parsed.footnotes == {"1": "CCM/CONF/2021/6, paragraph 84."}


def test_web_html_links_known_symbols_and_lists_footnotes_at_the_end():
    html = document_text.to_html(
        SAMPLE_TEXT, link={"CCM/CONF/2021/6": "/documents/CCM/CONF/2021/6/"}.get, mode="web"
    )
    assert '<a class="symbol" href="/documents/CCM/CONF/2021/6/">CCM/CONF/2021/6</a>' in html
    assert '<sup class="fn-ref"><a href="#fn-1" id="fnref-1">1</a></sup>' in html
    assert '<li id="fn-1"><a class="symbol" href="/documents/CCM/CONF/2021/6/">' in html
    assert '<p class="para" id="para-2"><span class="para-num">2.</span>' in html
    assert "<h3>I. Introduction</h3>" in html


def test_print_html_places_footnotes_where_they_are_called():
    html = document_text.to_html(SAMPLE_TEXT, mode="print")
    assert '<span class="footnote" data-n="1">CCM/CONF/2021/6, paragraph 84.</span>' in html
    assert "footnotes" not in html.replace('class="footnote"', "")


def test_text_is_escaped_and_emphasis_kept():
    html = document_text.to_html("A <script>alert(1)</script> **bold** and *italic* & more")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html and "&amp; more" in html


def test_check_reports_gaps_and_missing_footnotes():
    problems = document_text.check("1. One\n\n3. Three[^x]\n\n[^y]: unused")
    assert any("run in order" in p for p in problems)
    assert any("[^x] is referenced" in p for p in problems)
    assert any("[^y] has a text but no reference" in p for p in problems)
    assert document_text.check(SAMPLE_TEXT) == []
