"""The member's own data: download all of it, or delete the account."""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.privacy import delete_account, export_user_data


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password, to confirm"), widget=forms.PasswordInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not the right one."))
        return password


@login_required
@require_GET
def privacy(request):
    return render(request, "accounts/privacy.html", {"form": DeleteAccountForm(user=request.user)})


@login_required
@require_GET
def export(request):
    data = export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="maillage-my-data.json"'
    return response


@login_required
@require_http_methods(["POST"])
def delete(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "accounts/privacy.html", {"form": form}, status=400)
    delete_account(request.user)
    logout(request)
    messages.success(request, _("Your account is deleted. Thank you for having been part of it."))
    return redirect("spaces:list")
