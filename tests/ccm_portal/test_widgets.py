from django import forms

from ccm_portal.lib.widgets import LongSelect


class Form(forms.Form):
    choice = forms.ChoiceField(
        choices=[
            ("", "Any"),
            ("a&b", 'A <script>alert(1)</script> "quoted"'),
            ("Group <1>", [("x", "X"), ("y", "Y")]),
        ],
        required=False,
        widget=LongSelect,
    )


def test_long_select_writes_what_select_writes_with_everything_escaped():
    html = str(Form({"choice": "a&b"})["choice"])
    assert html.startswith('<select name="choice" id="id_choice">')
    assert '<option value="">Any</option>' in html
    assert (
        '<option value="a&amp;b" selected>A &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;</option>'
        in html
    )
    assert (
        '<optgroup label="Group &lt;1&gt;"><option value="x">X</option><option value="y">Y</option></optgroup>'
        in html
    )
    assert "<script>" not in html


def test_long_select_marks_the_empty_choice_when_nothing_is_chosen():
    html = str(Form()["choice"])
    assert '<option value="" selected>Any</option>' in html
    assert html.count(" selected") == 1
