"""The form renderer: `{{ form }}` gives GOV.UK Design System markup.

Forms and fields render through our templates in `templates/forms/govuk/`; widgets keep
Django's own templates (GOV.UK classes are added as attributes by the `govuk` template tags),
so the admin's widgets are unchanged. The engine looks in the project's template folders
first, then Django's built-in form templates, then each app's templates, so nothing a form
needs is missing (TemplatesSetting alone would need `django.forms` in INSTALLED_APPS).
"""

from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.template.backends.django import DjangoTemplates as DjangoTemplatesBackend
from django.utils.functional import cached_property


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "forms/govuk/form.html"
    formset_template_name = "forms/govuk/formset.html"
    field_template_name = "forms/govuk/field.html"

    @cached_property
    def engine(self):
        project_dirs = [str(d) for config in settings.TEMPLATES for d in config.get("DIRS", [])]
        builtin_dir = Path(django.forms.__file__).parent / DjangoTemplatesBackend.app_dirname
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [*project_dirs, builtin_dir],
                "NAME": "govukforms",
                "OPTIONS": {},
            }
        )
