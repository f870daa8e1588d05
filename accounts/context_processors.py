from accounts.access import memberships_of, permissions_of


def memberships(request):
    """The header's organisation switcher and what the current member may do."""
    membership = getattr(request, "membership", None)
    return {
        "my_memberships": lambda: memberships_of(request),
        "current_membership": membership,
        "current_organisation": getattr(request, "organisation", None),
        "org_perms": permissions_of(membership),
    }
