from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"

    def ready(self):
        from django.db.models import Q

        from partnership.permissions import roles_of
        from partnership.sources import register_restriction

        from .models import SingleAgencyAudit

        # A single-agency audit is the agency's own: its findings and recommendations are for
        # that agency's leads (besides the business unit, partnership leads and the overseeing
        # subgroup, the core's rule), as its page is (`selectors.single_agency_audits_visible_to`).
        def not_their_agency(user):
            others = SingleAgencyAudit.objects.exclude(agency_id__in=roles_of(user).lead_of)
            return Q(pk__in=others.values("learning_source_id"))

        register_restriction("single-agency audits", not_their_agency)
