"""Pages of the submissions app: ``public`` (a draft and its published submissions),
``delegation`` (a focal point's own submissions) and ``isu`` (the ISU's staff pages)."""
