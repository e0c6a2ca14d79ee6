"""Registration pages: the delegation's (views.delegation) and the ISU's (views.isu)."""
