"""Two-factor sign-in pages: the code page, set-up, new recovery codes and reset.

The code page finishes a sign-in that passed its password step (see two_factor/pending.py),
or verifies a signed-in session that is not verified yet. Wrong codes count toward the same
django-axes lockout as wrong passwords; when the account locks, the sign-in in progress ends
and axes's middleware shows the locked-out page. Set-up, new recovery codes and reset need the
person's current password (set-up not when they are made to set it up on signing in, having
just typed it); a wrong one counts toward the lockout too.
"""

from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from ..services import DomainError
from ..two_factor import services
from ..two_factor.demo import demo_code, demo_codes_shown, is_demo_device
from ..two_factor.forms import CodeForm, PasswordConfirmForm, SetUpForm
from ..two_factor.pending import pending_clear, pending_sign_in
from ..two_factor.policy import two_factor_reasons, two_factor_required
from .toolkit import posted

RECOVERY_QUERY = "use=recovery-code"


def _safe_next(request, url: str, default: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return default


def _end_sign_in_if_locked(request, *, pending: bool) -> None:
    """Once axes has locked the account, the sign-in in progress (or the session) ends too."""
    if getattr(request, "axes_locked_out", False):
        if pending:
            pending_clear(request)
        else:
            logout(request)


@login_not_required
@sensitive_post_parameters("code")
@never_cache
def two_factor_verify_view(request):
    """Ask for the code from the person's authenticator app, or one of their recovery codes."""
    recovery = request.GET.get("use") == "recovery-code"
    pending = pending_sign_in(request)
    if pending is not None:
        user, backend, next_url = pending
    elif request.user.is_authenticated:
        user, backend = request.user, None
        next_url = _safe_next(request, request.GET.get("next", ""), reverse("partnership:home"))
        if user.is_verified() or not services.two_factor_enabled(user):
            return redirect(next_url)
    else:
        return redirect("partnership:login")

    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials=credentials):
        if pending is not None:
            pending_clear(request)
        else:
            logout(request)
        return get_lockout_response(request, None, credentials)

    form = CodeForm(posted(request), recovery=recovery)
    if form.is_bound and form.is_valid():
        check = services.code_check(user=user, code=form.cleaned_data["code"], recovery=recovery)
        if check.accepted:
            if pending is not None:
                pending_clear(request)
                login(request, user, backend=backend)
            otp_login(request, check.device)
            if recovery:
                left = services.recovery_codes_left(user)
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left: get new ones from your account page",
                )
            return redirect(_safe_next(request, next_url, reverse("partnership:home")))
        if check.already_used:
            form.add_error(
                "code",
                "This code has already been used to sign in. Wait for your authenticator app to show "
                "a new code, then enter the new one",
            )
        elif check.wait_until is not None:
            seconds = max(1, int((check.wait_until - timezone.now()).total_seconds() + 0.999))
            wait = f"{seconds} second{'s' if seconds != 1 else ''}"
            form.add_error("code", f"You have entered wrong codes. Wait {wait}, then try again")
        else:
            form.add_error(
                "code",
                "The recovery code is not right, or has been used"
                if recovery
                else "The security code is not right. Enter the code your app shows now",
            )
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            _end_sign_in_if_locked(request, pending=pending is not None)

    app = services.app_device_of(user)
    return render(
        request,
        "registration/two_factor_verify.html",
        {
            "form": form,
            "recovery": recovery,
            "person": user,
            "other_way_url": request.path + _query(request, recovery=not recovery),
            "demo_code": demo_code(app) if demo_codes_shown() and is_demo_device(app) else "",
            "business_unit_email": settings.BUSINESS_UNIT_EMAIL,
        },
    )


def _query(request, *, recovery: bool) -> str:
    """The code page's query string for the other way of signing in, keeping `next`."""
    parts = [RECOVERY_QUERY] if recovery else []
    if request.GET.get("next"):
        parts.append(urlencode({"next": request.GET["next"]}))
    return ("?" + "&".join(parts)) if parts else ""


def _codes_page(request, *, codes, title: str, continue_url: str):
    return render(
        request,
        "partnership/two_factor_codes.html",
        {"codes": codes, "title": title, "continue_url": continue_url},
    )


@sensitive_post_parameters("password", "code")
@never_cache
def two_factor_setup_view(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code,
    then see ten recovery codes, once."""
    user = request.user
    if services.two_factor_enabled(user):
        messages.info(request, "Two-factor authentication is already on")
        return redirect("partnership:account")
    made_to = two_factor_required(user) and not user.is_verified()
    next_url = _safe_next(
        request,
        request.GET.get("next", ""),
        reverse("partnership:home") if made_to else reverse("partnership:account"),
    )
    device = services.set_up_device_for(user)
    form = SetUpForm(
        posted(request),
        request=request,
        user=user,
        ask_password=not made_to,
    )
    if form.is_bound and form.is_valid():
        try:
            codes = services.two_factor_turn_on(device=device, code=form.cleaned_data["code"])
        except DomainError as exc:
            form.add_error(exc.field, exc.message)
        else:
            device.refresh_from_db()
            otp_login(request, device)
            return _codes_page(
                request, codes=codes, title="Two-factor authentication is on", continue_url=next_url
            )
    elif form.is_bound:
        _end_sign_in_if_locked(request, pending=False)
    return render(
        request,
        "partnership/two_factor_setup.html",
        {
            "form": form,
            "made_to": made_to,
            "reasons": two_factor_reasons(user),
            "qr_code": services.qr_code_svg(device),
            "secret": services.secret_for_typing(device),
            "account_name": f"{settings.OTP_TOTP_ISSUER} ({user.get_username()})",
        },
    )


@sensitive_post_parameters("password")
@never_cache
def two_factor_recovery_codes_view(request):
    """Replace the recovery codes with ten new ones, after the current password."""
    user = request.user
    if not services.two_factor_enabled(user):
        messages.info(request, "Turn on two-factor authentication first")
        return redirect("partnership:account")
    form = PasswordConfirmForm(posted(request), request=request, user=user)
    if form.is_bound and form.is_valid():
        codes = services.recovery_codes_regenerate(user=user)
        return _codes_page(
            request, codes=codes, title="Your new recovery codes", continue_url=reverse("partnership:account")
        )
    if form.is_bound:
        _end_sign_in_if_locked(request, pending=False)
    return render(
        request,
        "partnership/two_factor_codes_confirm.html",
        {"form": form, "codes_left": services.recovery_codes_left(user)},
    )


@sensitive_post_parameters("password")
@never_cache
def two_factor_reset_view(request):
    """Remove the authenticator app and recovery codes, after the current password. Someone who
    must use two-factor sign-in goes straight on to set up a new app."""
    user = request.user
    if not services.two_factor_enabled(user):
        messages.info(request, "Two-factor authentication is not on")
        return redirect("partnership:account")
    required = two_factor_required(user)
    form = PasswordConfirmForm(posted(request), request=request, user=user)
    if form.is_bound and form.is_valid():
        services.two_factor_reset(user=user)
        if required:
            messages.success(request, "Your authenticator app has been removed. Set up a new one to carry on")
            return redirect("partnership:two-factor-setup")
        messages.success(request, "Two-factor authentication is off")
        return redirect("partnership:account")
    if form.is_bound:
        _end_sign_in_if_locked(request, pending=False)
    return render(request, "partnership/two_factor_reset.html", {"form": form, "required": required})
