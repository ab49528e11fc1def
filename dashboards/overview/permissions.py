"""Who may open the overview dashboards.

- The recurring themes matrix and a theme's page count and list only the findings the person
  may open (`themes.findings_for_themes`: confidential case reviews only for those who may read
  them, a single-agency audit only for its agency and those who oversee it), and a theme's page
  links only to sources, recommendations and actions they may open. So everyone with a role in
  the partnership may open them, agency leads, lay members and peer challengers included: each
  sees the counts of their own view. Those without the partnership dashboard find them from
  the performance data's sub-navigation (the header's "Performance data" item). A signed-in
  person with no role gets a 403.
- The partnership dashboard is the partnership's own picture of its work: the business unit,
  the partnership leads and the chairs and members of subgroups (each figure still scoped by
  the selectors to what that person may see). Agency leads, lay members and peer challengers
  get a 403: an agency lead's view of their agency's returns, requests and actions is their
  home page, and the dashboard's partnership-wide tables are not theirs to compare.
"""

from partnership import permissions as core


def can_view_themes(user) -> bool:
    return bool(core.roles_of(user).roles)


def can_view_partnership_dashboard(user) -> bool:
    return core.sees_everything(user) or bool(core.roles_of(user).subgroups)
