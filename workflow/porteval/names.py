"""What a reader is told a thing is called: an indicator or a subsystem by its name from the catalogue (its code in
parentheses at most)."""

from __future__ import annotations

import re

_CODE = re.compile(r"(?<![\w(])([CX]\d{1,2})(?![\w)])")  # a bare indicator or subsystem code, not one in parentheses


class Names:
    """Names of the catalogue's indicators and subsystems (``indicators.yaml`` as read: ``subsystems`` and
    ``indicators`` with a ``name`` each)."""

    def __init__(self, catalogue: dict):
        self.subsystems = dict(catalogue.get("subsystems", {}))
        self.indicators = {code: spec["name"] for code, spec in catalogue.get("indicators", {}).items()}

    def indicator(self, code: str) -> str:
        """ "Sea-rail intermodal containers (C63)"; a code the catalogue does not know is left as it is."""
        return f"{self.indicators[code]} ({code})" if code in self.indicators else code

    def subsystem(self, code: str) -> str:
        """ "Green logistics capability (X6)"; a code the catalogue does not know is left as it is."""
        return f"{self.subsystems[code]} ({code})" if code in self.subsystems else code

    def label(self, code: str) -> str:
        """An indicator's or a subsystem's name, whichever the code is."""
        return self.indicator(code) if code in self.indicators else self.subsystem(code)

    def in_words(self, text: str) -> str:
        """``text`` with every bare code the catalogue knows replaced by its name with the code in parentheses."""
        return _CODE.sub(lambda m: self.label(m.group(1)), text)

    def table(self, df, columns=("indicator", "subsystem", "heaviest_indicator", "row")):
        """``df`` with the codes in ``columns`` (those it has) shown by name, code in parentheses; other values
        (a year, a port, "overall") are left as they are."""
        return df.assign(**{c: df[c].map(lambda v: self.label(v) if isinstance(v, str) else v) for c in columns if c in df})


def listed(items: list[str], last: str = " and ") -> str:
    """Items as a sentence lists them: "a", "a and b", "a, b and c" (``last``: what joins the last two, e.g.
    ", and " where the items are clauses)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + last + items[-1]


def bare_codes(text: str) -> list[str]:
    """The indicator and subsystem codes that ``text`` shows without their names (not in parentheses)."""
    return _CODE.findall(text)
