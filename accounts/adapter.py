from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by ISU staff only: public sign-up is closed."""

    def is_open_for_signup(self, request) -> bool:
        return False
