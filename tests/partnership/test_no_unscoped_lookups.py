"""Object lookups in views go through selectors: no view fetches a domain object by its id from
the whole table, where the person's scope would be forgotten (ASVS: access control on every
object reference; STYLE.md: an object you may not see is a 404 because the lookup goes through
the selector).

Every views module of our apps is parsed with `ast`. A lookup is unscoped when
- `get_object_or_404(X, ...)` / `get_list_or_404(X, ...)` names a model class X, or starts
  from its manager (`X.objects.select_related(...)`), or
- `X.objects.get(...)` (or `X.objects.<anything>.get(...)`) is called on a model X,
unless the query is narrowed by something other than the id being looked up: a `filter()` or
`exclude()` with a value worked out at run time (`filter(review__in=visible)`), or a keyword
other than `pk`/`id` on the lookup itself (`standard__framework=agency_return.round...`).
Lookups through a selector (`selectors.reviews_visible_to(user)`), a related manager
(`framework.standards`) or a helper function are what we want and are not flagged.
"""

import ast
import importlib
from dataclasses import dataclass
from pathlib import Path

from django.db import models

ROOT = Path(__file__).resolve().parents[2]
APPS = ("partnership", "reviews", "audits", "training", "dashboards", "governance", "api")
DOMAIN_APPS = set(APPS)
LOOKUPS = {"get_object_or_404", "get_list_or_404"}
ID_KEYWORDS = {"pk", "id"}

# Legitimate unscoped lookups: (module, function, model) -> why no selector is needed.
ALLOWED: dict[tuple[str, str, str], str] = {}


@dataclass(frozen=True)
class Lookup:
    module: str
    function: str
    model: str
    line: int

    @property
    def key(self):
        return (self.module, self.function, self.model)

    def __str__(self):
        return f"{self.module}:{self.line} in {self.function}(): unscoped lookup of {self.model}"


def views_modules() -> list[str]:
    names = []
    for app in APPS:
        package = ROOT / app / "views"
        files = sorted(package.rglob("*.py")) if package.is_dir() else [ROOT / app / "views.py"]
        for path in files:
            if path.exists():
                names.append(".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"))
    return names


def _domain_model(module, name: str):
    obj = getattr(module, name, None)
    if isinstance(obj, type) and issubclass(obj, models.Model) and obj._meta.app_label in DOMAIN_APPS:
        return obj
    return None


def _is_constant(node) -> bool:
    return all(isinstance(n, ast.Constant | ast.keyword | ast.Load) for n in ast.walk(node))


def _narrows(call: ast.Call) -> bool:
    """Whether a filter()/exclude() call narrows by a value worked out at run time."""
    values = [*call.args, *(k.value for k in call.keywords)]
    return any(not _is_constant(value) for value in values)


def _manager_chain(node, module):
    """(model name, narrowed) when `node` is a chain starting at `<Model>.<manager>`, else None."""
    narrowed = False
    while True:
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in {"filter", "exclude"} and _narrows(node):
                narrowed = True
            node = func
        elif isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and _domain_model(module, node.value.id) is not None:
                return node.value.id, narrowed
            node = node.value
        else:
            return None


def _lookup_keywords_narrow(call: ast.Call) -> bool:
    return any(k.arg not in ID_KEYWORDS and not _is_constant(k.value) for k in call.keywords if k.arg)


def unscoped_lookups(module_name: str) -> list[Lookup]:
    module = importlib.import_module(module_name)
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    found = []

    def visit(node, function: str):
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Call):
                hit = _check_call(child, module)
                if hit:
                    found.append(Lookup(module_name, function, hit, child.lineno))
            visit(child, name)

    visit(tree, "<module>")
    return found


def _check_call(call: ast.Call, module) -> str | None:
    func = call.func
    func_name = (
        func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    )
    if func_name in LOOKUPS and call.args:
        first = call.args[0]
        if isinstance(first, ast.Name) and _domain_model(module, first.id) is not None:
            return first.id
        chain = _manager_chain(first, module)
        if chain and not chain[1] and not _lookup_keywords_narrow(call):
            return chain[0]
    if isinstance(func, ast.Attribute) and func.attr == "get":
        chain = _manager_chain(func.value, module)
        if chain and not chain[1] and not _lookup_keywords_narrow(call):
            return chain[0]
    return None


def all_unscoped() -> list[Lookup]:
    return [hit for name in views_modules() for hit in unscoped_lookups(name)]


def test_views_look_objects_up_through_selectors():
    hits = [hit for hit in all_unscoped() if hit.key not in ALLOWED]
    assert not hits, (
        "Look these up through a selector (`get_object_or_404(selectors.<things>_visible_to(user), pk=pk)`), "
        "or add them to ALLOWED with the reason:\n" + "\n".join(map(str, hits))
    )


def test_the_exceptions_still_exist():
    keys = {hit.key for hit in all_unscoped()}
    stale = [key for key in ALLOWED if key not in keys]
    assert not stale, (
        f"Remove these entries from ALLOWED in tests/partnership/test_no_unscoped_lookups.py: {stale}"
    )


def test_the_views_modules_are_found():
    names = views_modules()
    assert "partnership.views.plans.action_pages" in names
    assert any(name.startswith("reviews.views") for name in names)
    assert "api.views.actions" in names  # the API is held to the same rule


def _hits(source: str, **names) -> list[str]:
    import types

    module = types.ModuleType("example")
    module.__dict__.update(names)
    tree = ast.parse(source)
    return [
        hit for node in ast.walk(tree) if isinstance(node, ast.Call) and (hit := _check_call(node, module))
    ]


def test_the_parser_flags_unscoped_lookups_and_passes_scoped_ones():
    from partnership.models import ActionPlan, Evidence, User

    names = {"ActionPlan": ActionPlan, "Evidence": Evidence, "User": User}
    flagged = [
        "get_object_or_404(ActionPlan, pk=pk)",
        "get_object_or_404(ActionPlan.objects.select_related('subgroup'), pk=pk)",
        "get_object_or_404(ActionPlan.objects.filter(active=True), pk=pk)",
        "ActionPlan.objects.get(pk=pk)",
        "User.objects.select_related('agency').get(pk=user_pk)",
    ]
    for source in flagged:
        assert _hits(source, **names), source
    passed = [
        "get_object_or_404(selectors.plans_visible_to(request.user), pk=pk)",
        "get_object_or_404(Evidence.objects.filter(action__in=visible).exclude(file=''), pk=pk)",
        "get_object_or_404(person.role_assignments.select_related('subgroup'), pk=role_pk)",
        "get_object_or_404(User.objects.filter(pk__in=ret.contributors.values('pk')), pk=user_pk)",
        "get_object_or_404(ActionPlan.objects.all(), pk=pk, subgroup=request_subgroup)",
        "get_object_or_404(sessions(), pk=pk)",
        "form.cleaned_data.get('name')",
    ]
    for source in passed:
        assert not _hits(source, **names), source
