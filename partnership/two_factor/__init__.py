"""Two-factor sign-in: a code from an authenticator app (TOTP), with single-use recovery codes.

Built on django-otp and its `otp_totp` and `otp_static` plugins. The parts:

- `policy`: who must use it (the business unit, partnership leads, superusers, whoever an app
  registers, such as everyone who can see case reviews; everyone when
  TWO_FACTOR_REQUIRED_FOR_ALL is set). Others may turn it on from their account page.
- `services`: setting it up, checking codes, recovery codes, resetting it.
- `middleware`: a signed-in session of someone who must use it, not yet verified with a code,
  reaches only the sign-in, code, set-up and sign-out pages (and static files and /healthz).
- `demo`: the demo's published authenticator key (development only).

A session is "verified" the way django-otp records it: the device that accepted the code is
kept in the session (`django_otp.login`), and django-otp's OTPMiddleware reads it back on each
request as `request.user.otp_device` / `request.user.is_verified()`.
"""
