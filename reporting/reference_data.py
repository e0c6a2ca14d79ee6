"""Reporting's reference data: none invented. The treaty's rules are in reporting/deadlines.py
and each State's entry into force in meetings' data; reports and obligations are entered by the
ISU. Here only the ISU staff group, created before this app existed, is given the right to keep
reporting's records (once: a permission staff later remove is not given back)."""

from django.contrib.auth.models import Group, Permission

from accounts.reference_data import ISU_STAFF_GROUP


def load(tally) -> None:
    group = Group.objects.filter(name=ISU_STAFF_GROUP).first()
    if group is None:
        return
    permissions = Permission.objects.filter(content_type__app_label="reporting")
    if group.permissions.filter(content_type__app_label="reporting").exists() or not permissions.exists():
        tally.add("ISU staff: reporting permissions", "kept")
        return
    group.permissions.add(*permissions)
    tally.add("ISU staff: reporting permissions", "given")
