"""The pages of two-factor sign-in (core/two_factor.py): enrolment with a QR code, the
backup codes shown once, the second step after the password, removal with password + code."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from . import two_factor

BACKUP_SESSION_KEY = "gaoxin_otp_backup_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("One-time code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "text",
                "autofocus": True,
                "class": "form-control",
            }
        ),
    )


class DisableForm(CodeForm):
    password = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "form-control"}),
    )
    field_order = ["password", "code"]


def safe_next(request, default: str = "home") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default)


class AdministratorOnly(LoginRequiredMixin):
    """Two-factor sign-in is for administrators; to anyone else (or with the setting "off")
    these pages do not exist."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not two_factor.applies_to(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SetupView(AdministratorOnly, View):
    """/account/otp/: the state, or the QR code + the key in text and the first code."""

    template_name = "core/otp_setup.html"

    def context(self, request, form):
        user = request.user
        device = two_factor.confirmed_device(user)
        pending = two_factor.pending_step(user)
        context = {
            "title": _("Two-factor sign-in"),
            "device": device,
            "form": form,
            "mode": two_factor.mode(),
            "bare_layout": pending is not None,
            "next": request.GET.get("next", ""),
        }
        if device is None:
            new = two_factor.enrolment_device(user)
            context.update(
                {
                    "qr": two_factor.qr_data_uri(new),
                    "secret": two_factor.secret_text(new),
                    "issuer": two_factor.issuer(),
                }
            )
        else:
            backup = device.user.staticdevice_set.filter(name=two_factor.BACKUP_NAME).first()
            context["backup_left"] = backup.token_set.count() if backup else 0
        return context

    def get(self, request):
        return render(request, self.template_name, self.context(request, CodeForm()))

    def post(self, request):
        form = CodeForm(request.POST)
        if two_factor.confirmed_device(request.user) is not None:
            return redirect("otp_setup")
        if form.is_valid():
            device = two_factor.enrolment_device(request.user)
            wait = two_factor.throttle_message(device)
            codes = two_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
            if codes is not None:
                request.session[BACKUP_SESSION_KEY] = codes
                request.session["gaoxin_otp_next"] = safe_next(request)
                return redirect("otp_backup_codes")
            form.add_error(
                "code",
                wait
                or _("Wrong code. Check that the phone's time is right and enter the six digits shown now."),
            )
        return render(request, self.template_name, self.context(request, form), status=200)


class BackupCodesView(AdministratorOnly, View):
    """The ten backup codes, once: read from the session and removed from it."""

    def get(self, request):
        codes = request.session.pop(BACKUP_SESSION_KEY, None)
        if not codes:
            messages.info(request, _("Backup codes are shown only once. Make new ones to see codes again."))
            return redirect("otp_setup")
        return render(
            request,
            "core/otp_backup_codes.html",
            {
                "title": _("Backup codes"),
                "codes": codes,
                "next": request.session.pop("gaoxin_otp_next", ""),
            },
        )

    def post(self, request):
        """New codes (the old ones stop working); needs a verified session (the gate)."""
        if two_factor.confirmed_device(request.user) is None:
            return redirect("otp_setup")
        request.session[BACKUP_SESSION_KEY] = two_factor.new_backup_codes(request.user)
        return redirect("otp_backup_codes")


class VerifyView(LoginRequiredMixin, View):
    """The second step: after the password, the code from the app or a backup code."""

    template_name = "registration/otp_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return super().dispatch(request, *args, **kwargs)
        if not two_factor.applies_to(request.user):
            raise Http404
        if two_factor.pending_step(request.user) != "verify":
            return redirect(safe_next(request))
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, request, form):
        return render(
            request,
            self.template_name,
            {
                "title": _("Second step"),
                "form": form,
                "next": request.GET.get("next", ""),
                "bare_layout": True,
            },
        )

    def get(self, request):
        return self.render_form(request, CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            outcome = two_factor.check_code(request, request.user, form.cleaned_data["code"])
            if outcome.accepted:
                if outcome.message:
                    messages.warning(request, outcome.message)
                return redirect(safe_next(request))
            form.add_error("code", outcome.message)
        return self.render_form(request, form)


class DisableView(AdministratorOnly, View):
    """Remove the app and the backup codes: the password and a current code."""

    template_name = "core/otp_disable.html"

    def render_form(self, request, form):
        return render(
            request,
            self.template_name,
            {"title": _("Remove the authenticator app"), "form": form, "mode": two_factor.mode()},
        )

    def get(self, request):
        if two_factor.confirmed_device(request.user) is None:
            return redirect("otp_setup")
        return self.render_form(request, DisableForm())

    def post(self, request):
        if two_factor.confirmed_device(request.user) is None:
            return redirect("otp_setup")
        form = DisableForm(request.POST)
        if form.is_valid():
            if not request.user.check_password(form.cleaned_data["password"]):
                form.add_error("password", _("The password is wrong."))
            else:
                outcome = two_factor.check_code(
                    request, request.user, form.cleaned_data["code"], sign_in=False
                )
                if outcome.accepted:
                    two_factor.remove_devices(request.user)
                    messages.success(request, _("The authenticator app was removed."))
                    return redirect("otp_setup" if two_factor.mode() == "required" else "account")
                form.add_error("code", outcome.message)
        return self.render_form(request, form)
