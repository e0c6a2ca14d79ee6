"""The signed-in person's own settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms import LanguageForm


@never_cache
@login_required
def account_settings(request):
    """The language of the e-mails and receipts sent to the person (see User.language)."""
    form = LanguageForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        language = get_language_info(form.instance.language)["name_local"]
        messages.success(
            request,
            _("E-mails and receipts will be sent to you in the language you chose: %(language)s.")
            % {"language": language},
        )
        return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {"form": form})
