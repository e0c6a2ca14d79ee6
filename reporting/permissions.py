"""Who may do what: plain predicates, no side effects."""


def is_isu(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)
