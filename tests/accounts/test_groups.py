import pytest
from django.contrib.auth.models import Group, Permission

from accounts.reference_data import ISU_STAFF_GROUP, load
from ccm_portal.lib.refdata import Tally

pytestmark = pytest.mark.django_db


def test_the_isu_staff_group_may_keep_every_record_of_the_convention_and_no_account():
    load(Tally())
    granted = set(
        Group.objects.get(name=ISU_STAFF_GROUP).permissions.values_list("content_type__app_label", "codename")
    )
    assert ("documents", "change_document") in granted
    assert ("meetings", "add_meeting") in granted
    assert ("machinery", "delete_coordinatormandate") in granted
    assert ("consultations", "view_intervention") in granted
    assert ("submissions", "change_comment") in granted
    assert ("reporting", "change_article7report") in granted
    apps = ["meetings", "documents", "consultations", "machinery", "submissions", "registration", "reporting"]
    assert {app for app, _ in granted} == set(apps)
    every = Permission.objects.filter(content_type__app_label__in=apps)
    assert len(granted) == every.count()


def test_reloading_keeps_what_the_isu_changed_in_its_group():
    load(Tally())
    group = Group.objects.get(name=ISU_STAFF_GROUP)
    group.permissions.remove(Permission.objects.get(codename="delete_document"))
    tally = Tally()
    load(tally)
    assert not group.permissions.filter(codename="delete_document").exists()
    assert group.permissions.filter(codename="change_document").exists()
    assert tally.lines() == ["ISU staff group: 1 kept"]
