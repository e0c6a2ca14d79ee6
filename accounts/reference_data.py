"""The "ISU staff" group: what the Implementation Support Unit's staff may do in the admin.

Its members may add, change, delete and view every record of the Convention (the meetings,
documents, consultations, machinery, submissions and registration apps) and nothing of the accounts, groups or MFA
authenticators, which stay with superusers. Staff accounts are put in the group from the
admin's user page. ``load_ccm_data`` creates the group with these permissions; once it exists
the ISU owns it, and a reload changes nothing (a permission staff removed stays removed;
permissions of models added later are granted by a superuser).
"""

from django.contrib.auth.models import Group, Permission

ISU_STAFF_GROUP = "ISU staff"
ISU_APPS = ("meetings", "documents", "consultations", "machinery", "submissions", "registration", "reporting")


def isu_staff_permissions():
    return Permission.objects.filter(content_type__app_label__in=ISU_APPS)


def load(tally) -> None:
    group, created = Group.objects.get_or_create(name=ISU_STAFF_GROUP)
    if created:
        group.permissions.set(isu_staff_permissions())
    tally.add("ISU staff group", "created" if created else "kept")
