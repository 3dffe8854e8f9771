from django import forms
from django.utils.translation import gettext_lazy as _

from messaging.models import MAX_BODY_LENGTH, MAX_REASON_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("The message is empty."),
            "max_length": _("The message is too long (at most %(limit_value)d characters)."),
        },
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you report this message?"),
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the network's coordinators read it."),
        error_messages={
            "required": _("Please say why you report this message."),
            "max_length": _("The reason is too long (at most %(limit_value)d characters)."),
        },
    )


class ModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("dismiss", _("Dismiss the report")),
            ("hide", _("Hide the message")),
            ("suspend", _("Hide the message and suspend its author")),
        ]
    )
