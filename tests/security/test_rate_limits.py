"""Rate limits: changes to a submission and receipt PDFs per person (ccm_portal.lib.ratelimit),
password reset (django-allauth; sign-in in tests/accounts); a 429 page; open when the cache is down."""

import pytest
from django.core import mail

from ccm_portal.lib import ratelimit
from submissions import services
from submissions.models import Comment
from tests.submissions.conftest import make_draft, make_focal_point, state_party, text_of

pytestmark = pytest.mark.django_db

CACHE_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
    }
}


@pytest.fixture
def cast(db):
    mexico, chile = state_party("Mexico", "MEX"), state_party("Chile", "CHL")
    a, b = make_focal_point("a@mexico.example", mexico), make_focal_point("b@chile.example", chile)
    version = make_draft()
    sub_a = services.start_submission(version=version, delegation=mexico, by=a)
    sub_b = services.start_submission(version=version, delegation=chile, by=b)
    return a, b, sub_a, sub_b


def _comment(client, submission, text):
    return client.post(f"/submissions/{submission.pk}/comments/new/", {"kind": "comment", "text": text})


def test_saving_comments_is_limited_per_person_with_a_clear_page(client, cast, settings):
    settings.SUBMISSIONS_RATE_LIMIT = "3/m"
    a, b, sub_a, sub_b = cast
    client.force_login(a)
    assert [_comment(client, sub_a, f"Remark {n}").status_code for n in range(3)] == [302, 302, 302]
    refused = _comment(client, sub_a, "One remark too many")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 61
    page = text_of(refused)
    assert "Too many requests" in page and "Nothing from your last request was saved" in page
    assert "Please wait" in page
    assert not Comment.objects.filter(text="One remark too many").exists()
    # Submitting is counted in the same budget; reading is not limited.
    assert client.post(f"/submissions/{sub_a.pk}/submit/").status_code == 429
    assert client.get(f"/submissions/{sub_a.pk}/").status_code == 200
    # Another person is not affected.
    client.force_login(b)
    assert _comment(client, sub_b, "Chile's remark").status_code == 302


def test_receipt_pdfs_are_limited_per_person(client, cast, settings):
    settings.RECEIPT_PDF_RATE_LIMIT = "1/m"
    a, _b, sub_a, _ = cast
    services.save_comment(submission=sub_a, by=a, paragraph=None, kind="comment", text="A remark")
    services.submit(sub_a, by=a)
    client.force_login(a)
    assert client.get(f"/submissions/{sub_a.pk}/receipts/1.pdf").content.startswith(b"%PDF-")
    assert client.get(f"/submissions/{sub_a.pk}/receipts/1.pdf").status_code == 429


def test_a_cache_that_is_down_does_not_stop_a_submission(client, cast, settings):
    settings.SUBMISSIONS_RATE_LIMIT = "1/m"
    settings.CACHES = CACHE_DOWN
    a, _b, sub_a, _ = cast
    client.force_login(a)
    assert _comment(client, sub_a, "Saved while Redis is down").status_code == 302
    assert _comment(client, sub_a, "Saved again while Redis is down").status_code == 302
    assert client.post(f"/submissions/{sub_a.pk}/submit/").status_code == 302
    sub_a.refresh_from_db()
    assert sub_a.state == "submitted" and sub_a.revisions.count() == 1


def test_password_reset_is_limited_with_the_same_page(client, settings):
    from accounts.models import User

    User.objects.create_user(email="someone@example.org", password="pass-word-1")
    statuses = [
        client.post("/accounts/password/reset/", {"email": "someone@example.org"}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429
    assert len(mail.outbox) == 5
    refused = client.post("/accounts/password/reset/", {"email": "someone@example.org"})
    assert refused.status_code == 429 and "Too many requests" in text_of(refused)


def test_limits_read_like_allauths():
    assert ratelimit.parse("60/m") == (60, 60) and ratelimit.parse("5/s") == (5, 1)
    assert ratelimit.parse("100/h") == (100, 3600)
    allowed = [ratelimit.hit("probe", limit="2/m", now=120.0)[0] for _ in range(3)]
    assert allowed == [True, True, False]
    # A sliding window: the hits of the last minute still count after the minute turns...
    assert ratelimit.hit("probe", limit="2/m", now=190.0) == (False, 51)
    # ...and no longer once a whole minute has passed without them.
    assert ratelimit.hit("probe", limit="2/m", now=300.0) == (True, 61)


def test_a_limit_holds_when_the_minute_turns():
    assert ratelimit.hit("turn", limit="1/m", now=59.9)[0] is True
    assert ratelimit.hit("turn", limit="1/m", now=60.1)[0] is False
    assert ratelimit.hit("turn", limit="1/m", now=119.0)[0] is False
    assert ratelimit.hit("turn", limit="1/m", now=181.0)[0] is True
