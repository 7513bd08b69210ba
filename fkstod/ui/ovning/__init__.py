"""The Övning section (Övningsläge): fictional cases shown to a group or practised alone.

``page.py`` lists the cases; ``presenter.py`` is the two-window presenter view
(audience window and trainer console), ``practice.py`` Öva själv, and
``diagram_view.py`` a flow as a diagram. Nothing here counts or stores anything.
"""
