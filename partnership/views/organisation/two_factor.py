"""Resetting someone else's two-factor sign-in, from their page: for a person who has lost the
phone their authenticator app was on and so cannot sign in.

Only the business unit may do it, and not for themselves (their own is reset from their account
page). The officer types their own current password first (re-authentication: a session left
open cannot be used to take over someone's account); a wrong one counts toward the officer's
lockout, as on the sign-in page.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from ...services import DomainError
from ...two_factor import services
from ...two_factor.forms import PasswordConfirmForm
from ..records.pages import get_record
from ..toolkit import add_domain_error, posted, require
from ..two_factor import _end_sign_in_if_locked
from .record_types import PEOPLE


@sensitive_post_parameters("password")
@never_cache
def person_two_factor_reset_view(request, pk):
    person = get_record(request, PEOPLE, pk)
    require(services.can_reset_two_factor_for(request.user, person))
    form = PasswordConfirmForm(posted(request), request=request, user=request.user)
    form.fields["password"].help_text = "The password you sign in with, to confirm it is you."
    if form.is_bound and form.is_valid():
        try:
            services.two_factor_reset_for(person=person, actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"{person}'s two-factor sign-in has been reset. They will set it up again when they next sign in",
            )
            return redirect(person)
    if form.is_bound:
        _end_sign_in_if_locked(request, pending=False)
    context = {"form": form, "person": person, "two_factor_on": services.two_factor_enabled(person)}
    return render(request, "partnership/person_two_factor_reset.html", context)
