"""Property-based fuzzing of every form and query parameter (tests/security/test_fuzz_addresses.py
and test_fuzz_forms.py): the Hypothesis settings, the strategies both modules draw from, and the
small world they run in.

Strategies mix unicode, control characters, NUL bytes, very long strings, numbers out of range,
impossible dates (0000-00-00, 99999-01-01), repeated keys, SQL and HTML fragments, and raw
percent-encoded bytes that are not UTF-8. Runs are derandomized (the same examples every time,
so CI is reproducible); ``CCM_FUZZ_SCALE=10`` multiplies the number of examples and
``CCM_FUZZ_RANDOM=1`` draws new ones, for a longer hunt by hand.
"""

import os
from datetime import date, time
from urllib.parse import quote, quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from .hostile import World, build_world

SCALE = float(os.environ.get("CCM_FUZZ_SCALE", "1"))

# Derandomized: every run tries the same examples. No example database: a failure is
# reproduced from the example printed with it (Hypothesis still caches unicode tables in its
# own git-ignored .hypothesis/ folder).
FUZZ = settings(
    derandomize=not os.environ.get("CCM_FUZZ_RANDOM"),
    database=None,
    deadline=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def examples(n: int) -> settings:
    return settings(FUZZ, max_examples=max(1, int(n * SCALE)))


# --- strategies -----------------------------------------------------------------------------

FRAGMENTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\t",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "2147483648",
    "9223372036854775808",
    "0x10",
    "' OR '1'='1",
    "'; DROP TABLE meetings_meeting; --",
    '" OR ""="',
    "%' AND 1=1 --",
    "\\",
    "%",
    "%00",
    "_",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}",
    "{% debug %}",
    "${7*7}",
    "%s%s%s%n",
    "../../etc/passwd",
    "C:\\Windows\\win.ini",
    "\u202eevil\u202c",
    "\ufeff",
    "\u200b",
    "𝕮𝕮𝕸",
    "ﷺ",
    "Ñandú façade ß",
    "中文 العربية русский",
    "0000-00-00",
    "99999-01-01",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-13-01",
    "-2026-01-01",
    "2026-01-01T25:61",
    "24:00",
    "23:59:60",
    "CCM/CONF/2021/6",
    "ccm/msp/99999/1",
    "CCM/MSP/2026/WP.1/Rev.99999999999999999999",
    "msp",
    "2026",
    "en",
    "true",
    "on",
]
DATES = [
    "0000-00-00",
    "99999-01-01",
    "9999-12-31",
    "0001-01-01",
    "1999-12-31",
    "2000-01-01",
    "2099-12-31",
    "2100-01-01",
    "2026-02-29",
    "2028-02-29",
    "2026-1-1",
    "26-01-01",
    "01/02/2026",
    "2026-03-15",
]
TIMES = ["00:00", "23:59", "24:00", "25:61", "12:00:00.999999", "-1:00", "7", "noon"]

characters = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be sent as UTF-8
text = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),  # twice: the known troublemakers come up often
    st.text(characters, max_size=60),
    st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=8),  # control characters
    st.integers().map(str),
    st.floats().map(repr),
    st.builds(lambda s, n: s * n, st.text(characters, min_size=1, max_size=3), st.integers(500, 6000)),
)
dates = st.one_of(st.sampled_from(DATES), st.sampled_from(DATES), st.dates().map(date.isoformat), text)
times = st.one_of(st.sampled_from(TIMES), st.times().map(time.isoformat), text)


def value(base=text):
    """One value, or several under the same key."""
    return st.one_of(base, base, st.lists(base, min_size=2, max_size=4))


def params(fields: dict):
    """A query or form dict: any subset of ``fields`` (name -> strategy), plus a stray key."""
    return st.fixed_dictionaries({}, optional={name: value(s) for name, s in fields.items()} | {"zz": text})


# A raw query string: pieces of any bytes, percent-encoded or not, that need not be UTF-8.
raw_piece = st.one_of(
    st.binary(max_size=30).map(lambda b: quote_from_bytes(b, safe="")),
    st.sampled_from(
        ["%", "%zz", "%FF%FE", "%C0%AF", "%00", "&&", "==", "+", ";", "%25", "a[]=1", "a[0][1]="]
    ),
    text.map(lambda s: quote(s, safe="")),
)


def raw_query(names: list[str]):
    pair = st.tuples(st.one_of(st.sampled_from(names), raw_piece), raw_piece)
    return st.lists(pair, max_size=6).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs))


# --- the world ------------------------------------------------------------------------------


def fuzz_world(django_settings) -> World:
    """The world of tests/security/hostile.py, with rate limits no run of examples reaches
    (``django_settings``: pytest-django's ``settings`` fixture, which restores them after the
    test). Each fuzz module's ``world`` fixture returns it."""
    django_settings.SUBMISSIONS_RATE_LIMIT = "100000/m"  # fuzzing is not flooding
    django_settings.RECEIPT_PDF_RATE_LIMIT = "100000/m"
    return build_world()
