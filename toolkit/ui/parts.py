"""The parts of a course widget whose look never changes: one layout and style per kernel.

Every ipywidgets control is three widgets unless told otherwise: itself, a ``Layout`` and a
``Style`` of its own, each opened in the page with a message of its own. A lesson such as 05
makes some four hundred widgets, two in three of them layouts and styles that all say the same
few things ("width: 150px", nothing at all), and in a kernel every one costs about half a
millisecond to open. ipywidgets lets widgets share a layout or a style (the same instance given
to several; its documentation's "Widget Styling" does it), so :func:`part` makes a control
with the kernel's one ``Layout`` and one ``Style`` for what it asks (:func:`shared`).

A shared layout or style is never changed after it is made (a change would restyle every
widget that shows it): it refuses a change with an error saying so. A control whose look
changes later (shown and hidden, say) keeps a ``Layout`` of its own.

Examples
--------
>>> import ipywidgets as w
>>> a = part(w.HTML, "<b>Proposal</b>", layout={"width": "300px"})
>>> b = part(w.HTML, "<b>Partner</b>", layout={"width": "300px"})
>>> a.layout is b.layout, a.style is b.style, a.layout.width
(True, True, '300px')
>>> a.layout is part(w.HTML).layout
False
>>> a.layout.width = "10px"
Traceback (most recent call last):
...
ValueError: this Layout is shared (width='300px'); give the widget a Layout of its own
"""

from __future__ import annotations

import ipywidgets as w

__all__ = ["part", "shared"]

#: (kind, traits) -> the one widget of this kernel
_SHARED: dict[tuple, w.Widget] = {}


def shared(kind: type[w.Widget], **traits) -> w.Widget:
    """The kernel's one ``kind(**traits)`` (a ``Layout`` or a ``Style``), made again if closed.

    Examples
    --------
    >>> import ipywidgets as w
    >>> shared(w.Layout, width="auto") is shared(w.Layout, width="auto")
    True
    """
    key = (kind, tuple(sorted(traits.items())))
    made = _SHARED.get(key)
    if made is None or made.comm is None:
        made = _SHARED[key] = kind(**traits)
        made.observe(_refuse(made, traits), names=list(made.keys))
    return made


def _refuse(made: w.Widget, traits: dict):
    made_as = {name: getattr(made, name) for name in made.keys}
    said = ", ".join(f"{k}={v!r}" for k, v in sorted(traits.items())) or "the defaults"

    def refuse(change) -> None:
        if change["new"] == made_as[change["name"]]:
            return  # put back as it was made (below)
        made.set_trait(change["name"], change["old"])  # as it was, for every widget showing it
        kind = type(made).__name__
        msg = f"this {kind} is shared ({said}); give the widget a {kind} of its own"
        raise ValueError(msg)

    return refuse


def part(kind: type[w.DOMWidget], *args, layout: dict | None = None, style=None, **kwargs):
    """A ``kind(*args, **kwargs)`` with the kernel's shared ``Layout`` and ``Style``.

    ``layout`` and ``style`` are dicts of their traits (``{"width": "150px"}``,
    ``{"description_width": "initial"}``); a control that has no style (a box) takes none.
    """
    kwargs["layout"] = shared(w.Layout, **(layout or {}))
    trait = kind.class_traits().get("style")
    if trait is not None:
        kwargs["style"] = shared(trait.klass, **(style or {}))
    elif style:
        msg = f"{kind.__name__} has no style to set"
        raise TypeError(msg)
    return kind(*args, **kwargs)
