"""Signing in by NIP, signing out, choosing a password, and the CSRF failure page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from .. import services
from ..access import akses_get, akses_reset
from ..forms_akun import GantiKataSandiForm, KataSandiBaruForm, NipAuthenticationForm


class AkunLoginView(auth_views.LoginView):
    """Django's LoginView: `next` is only followed to this host; axes watches every failure."""

    template_name = "akun/login.html"
    authentication_form = NipAuthenticationForm
    redirect_authenticated_user = True
    http_method_names = ["get", "post", "head", "options"]


class AkunLogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET with 405)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Anda telah keluar.")
        return response


class PasswordChangeView(LoginRequiredMixin, FormView):
    """Choose a password: without the old one after an activation-code sign-in, with it otherwise."""

    template_name = "akun/password_change.html"
    http_method_names = ["get", "post", "head", "options"]

    def wajib_ganti(self) -> bool:
        user = self.request.user
        return akses_get(user).wajib_ganti_password or not user.has_usable_password()

    def get_form_class(self):
        return KataSandiBaruForm if self.wajib_ganti() else GantiKataSandiForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(wajib_ganti=self.wajib_ganti(), **kwargs)

    def form_valid(self, form):
        user = self.request.user
        services.akun_set_password(user=user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, user)
        akses_reset(user)
        messages.success(self.request, "Kata sandi berhasil disimpan.")
        return redirect("beranda")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: an expired or replayed form gets a page that says what to do."""
    kembali = request.headers.get("referer", "")
    if not url_has_allowed_host_and_scheme(
        kembali, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        kembali = ""
    return render(request, "akun/csrf_gagal.html", {"kembali": kembali}, status=403)
