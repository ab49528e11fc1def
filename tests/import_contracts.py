"""An import-linter contract type of our own (configured in pyproject.toml, run by
tests/test_architecture.py): "these packages import those apps only through their public
modules".

import-linter's own contracts forbid whole packages; ours forbids everything of an app except
its named public modules (and what they contain), so a module added to an app later is private
without anyone listing it. ARCHITECTURE.md says which modules are public and why.
"""

from __future__ import annotations

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


class PublicSurfaceContract(Contract):
    """`source_modules` (and their descendants) import the packages in `apps` only through
    the modules of each app named in `public` (`selectors` means `<app>.selectors` and all
    below it). An app is free to import itself. Direct imports only: what a public module
    imports in turn is its own app's business.

    Options: source_modules, apps, public, ignore_imports (optional),
    unmatched_ignore_imports_alerting (optional: none, warn or error; default error)."""

    type_name = "public_surface"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    apps = fields.ListField(subfield=fields.ModuleField())
    public = fields.ListField(subfield=fields.StringField())
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)
    unmatched_ignore_imports_alerting = fields.EnumField(
        contract_utils.AlertLevel, default=contract_utils.AlertLevel.ERROR
    )

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        warnings = contract_utils.remove_ignored_imports(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=self.unmatched_ignore_imports_alerting,  # type: ignore[arg-type]
        )
        app_names = {app.name for app in self.apps}  # type: ignore[attr-defined]
        public = set(self.public)  # type: ignore[arg-type]
        illegal = []
        for source in self.source_modules:  # type: ignore[attr-defined]
            for importer in sorted({source.name} | graph.find_descendants(source.name)):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    app, _, rest = imported.partition(".")
                    if app not in app_names or app == importer.partition(".")[0]:
                        continue
                    if rest.partition(".")[0] in public:
                        continue
                    lines = sorted(
                        detail["line_number"]
                        for detail in graph.get_import_details(importer=importer, imported=imported)
                    )
                    illegal.append((importer, imported, lines))
        return ContractCheck(kept=not illegal, warnings=warnings, metadata={"illegal": illegal})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error(f"Only these modules of an app may be imported: {', '.join(self.public)}.")  # type: ignore[arg-type]
        output.new_line()
        for importer, imported, lines in check.metadata["illegal"]:
            output.print_error(f"- {importer} -> {imported} (l.{', '.join(map(str, lines))})", bold=False)
            output.new_line()
