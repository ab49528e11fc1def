"""Peer challenge and the round's overview: sessions of the panel (sessions.py), challenge on
each standard of a return (challenge.py), and the heatmap with its exports (overview.py).

URLs: audits/urls.py.

A lay member or peer challenger reaches only the returns assigned to their sessions (the
return is looked up through `selectors.returns_visible_to`: a 404 for any other); everything
they may change is decided by `permissions.can_challenge` (a 403)."""
